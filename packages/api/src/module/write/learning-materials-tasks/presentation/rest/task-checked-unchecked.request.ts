import { BadRequestException } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';

export const TASK_STATUSES = ['Completed', 'NotCompleted'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type TaskCheckedUnchecked = Readonly<{ learningMaterialsId: string; taskId: string; status: TaskStatus }>;

/** The one webhook event this endpoint is registered for; any other type is not a task report. */
export const TASK_CHECKED_UNCHECKED = 'TaskCheckedUnchecked';

// Ids end up in stream names, which have a length limit; process.st ids are about 22 characters.
const MAX_ID_LENGTH = 200;
const MAX_DATE_LENGTH = 64;
const MAX_STATUS_LENGTH = 50;
const processStId = z.string().trim().min(1).max(MAX_ID_LENGTH);

// An ISO 8601 date and time; impossible dates such as February 30th are refused too. A missing zone
// is tolerated: the date is not used for decisions, and refusing it could drop a real completion.
const isoDateTime = z.string().max(MAX_DATE_LENGTH).pipe(z.iso.datetime({ offset: true, local: true }));

// Unknown fields are ignored, not refused: process.st sends a whole task, and may add fields.
const payloadSchema = z.object({
  id: processStId,
  type: z.literal(TASK_CHECKED_UNCHECKED, { error: `must be ${TASK_CHECKED_UNCHECKED}` }),
  createdDate: isoDateTime,
  data: z.object({ id: processStId, status: z.string().max(MAX_STATUS_LENGTH) }),
});

/** Reads what the webhook needs from process.st's payload; a 400 with a code names what was wrong. */
export function parseTaskCheckedUnchecked(body: unknown): TaskCheckedUnchecked {
  const parsed = payloadSchema.safeParse(body);
  if (!parsed.success) {
    throw new BadRequestException({
      code: 'MALFORMED_WEBHOOK_PAYLOAD',
      message: `Malformed process.st payload: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'} ${issue.message}`).join('; ')}`,
    });
  }
  const { id, data } = parsed.data;
  if (!isTaskStatus(data.status)) {
    throw new BadRequestException({
      code: 'UNKNOWN_TASK_STATUS',
      message: `Unknown task status "${data.status.slice(0, 50)}"; expected one of ${TASK_STATUSES.join(', ')}`,
    });
  }
  return { learningMaterialsId: id, taskId: data.id, status: data.status };
}

function isTaskStatus(status: string): status is TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(status);
}

export class ProcessStTaskRequest {
  @ApiProperty({ description: 'Task id', example: 'oFBpTVsw_DS_O5B-OgtHXA', minLength: 1, maxLength: MAX_ID_LENGTH })
  id!: string;

  @ApiProperty({ enum: TASK_STATUSES, maxLength: MAX_STATUS_LENGTH, description: 'Completed completes the task, NotCompleted uncompletes it' })
  status!: string;
}

/** Documents the payload (validated by parseTaskCheckedUnchecked); process.st sends more fields, which are ignored. */
export class TaskCheckedUncheckedRequest {
  @ApiProperty({ description: 'Learning materials id: the process.st workflow run id', example: 'sbAPITNMsl2wW6j2cg1H2A', minLength: 1, maxLength: MAX_ID_LENGTH })
  id!: string;

  @ApiProperty({ enum: [TASK_CHECKED_UNCHECKED], maxLength: TASK_CHECKED_UNCHECKED.length, description: 'The webhook event type; any other is refused' })
  type!: string;

  @ApiProperty({ format: 'date-time', maxLength: MAX_DATE_LENGTH, example: '2024-10-01T12:00:00.000Z', description: 'ISO 8601 date and time' })
  createdDate!: string;

  @ApiProperty({ type: ProcessStTaskRequest })
  data!: ProcessStTaskRequest;
}
