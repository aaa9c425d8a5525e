import { Body, Controller, HttpCode, HttpStatus, Inject, NotFoundException, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { HttpErrorResponse } from '../../../../../shared/errors/http-error.response';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { CompleteTaskApplicationCommand } from '../../../../shared/commands/complete-task.command';
import { UncompleteTaskApplicationCommand } from '../../../../shared/commands/uncomplete-task.command';
import { KNOWN_LEARNING_MATERIALS, type KnownLearningMaterials } from '../../application/known-learning-materials.port';
import { TaskAlreadyCompleted, TaskNotCompleted } from '../../domain/errors';
import { ProcessStWebhookSecretGuard } from './process-st-webhook-secret.guard';
import { parseTaskCheckedUnchecked, TaskCheckedUncheckedRequest, type TaskCheckedUnchecked } from './task-checked-unchecked.request';
import { ApiWebhookSecretAuth } from '../../../../../shared/api-docs/api-security.decorators';

@ApiTags('process.st webhooks')
@ApiWebhookSecretAuth()
@UseGuards(ProcessStWebhookSecretGuard)
@Controller('process-st/events')
export class ProcessStEventsController {
  constructor(
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    @Inject(KNOWN_LEARNING_MATERIALS) private readonly knownLearningMaterials: KnownLearningMaterials,
  ) {}

  @Post('task-checked-unchecked')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'process.st reports a task of a learning materials run checked (Completed) or unchecked (NotCompleted)',
    description: 'A repeated delivery, for a task already in the reported state, is acknowledged with 204 and changes nothing.',
  })
  @ApiBody({ type: TaskCheckedUncheckedRequest })
  @ApiNoContentResponse({ description: 'The task is in the reported state' })
  @ApiBadRequestResponse({
    type: HttpErrorResponse,
    description: 'MALFORMED_WEBHOOK_PAYLOAD (also for a type other than TaskCheckedUnchecked or a createdDate that is no ISO 8601 date), UNKNOWN_TASK_STATUS or MALFORMED_JSON',
  })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse, description: 'INVALID_WEBHOOK_SECRET' })
  @ApiNotFoundResponse({ type: HttpErrorResponse, description: 'LEARNING_MATERIALS_NOT_FOUND: no learning materials with this run id' })
  @ApiConflictResponse({ type: HttpErrorResponse, description: 'CONCURRENCY_CONFLICT and other refusals; process.st retries' })
  // `unknown` keeps the strict global validation pipe away: process.st's payload has fields we do not list.
  async onTaskCheckedUnchecked(@Body() body: unknown, @RequestCorrelationId() correlationId: string): Promise<void> {
    const reported = parseTaskCheckedUnchecked(body);
    if (!(await this.knownLearningMaterials.exists(reported.learningMaterialsId))) {
      throw new NotFoundException({ code: 'LEARNING_MATERIALS_NOT_FOUND', message: `Unknown learning materials ${reported.learningMaterialsId}` });
    }
    try {
      await this.commandBus.execute(this.commandFor(reported, correlationId));
    } catch (error) {
      if (!isRepeatedDelivery(error, reported)) throw error;
    }
  }

  private commandFor({ learningMaterialsId, taskId, status }: TaskCheckedUnchecked, correlationId: string) {
    const data = { learningMaterialsId, taskId };
    const metadata = { correlationId };
    return status === 'Completed'
      ? this.commandFactory.applicationCommand(() => ({
          class: CompleteTaskApplicationCommand,
          type: 'CompleteTask',
          data,
          metadata,
        }))
      : this.commandFactory.applicationCommand(() => ({
          class: UncompleteTaskApplicationCommand,
          type: 'UncompleteTask',
          data,
          metadata,
        }));
  }
}

/** process.st retries deliveries: a task already in the reported state is that retry, not a conflict. */
function isRepeatedDelivery(error: unknown, { status }: TaskCheckedUnchecked): boolean {
  return status === 'Completed' ? error instanceof TaskAlreadyCompleted : error instanceof TaskNotCompleted;
}
