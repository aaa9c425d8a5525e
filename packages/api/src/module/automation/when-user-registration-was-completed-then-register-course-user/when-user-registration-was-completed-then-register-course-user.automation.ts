import { Logger } from '@nestjs/common';
import type { ApplicationEvent } from '@coderscamp/event-sourcing';
import { automation, type Send } from '@coderscamp/event-sourcing/nestjs';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import { RegisterCourseUserApplicationCommand } from '../../shared/commands/register-course-user.command';
import { RuleCode } from '../../shared/errors/rule-codes';
import type { CourseWasCreated } from '../../shared/events/course-was-created.event';
import type { UserRegistrationWasCompleted } from '../../shared/events/user-registration-was-completed.event';
import type { UserWasErased } from '../../shared/events/user-was-erased.event';
import { AppConfig } from '../../../shared/config/app-config';
import { derivedId } from '../shared/derived-id';

const logger = new Logger('WhenUserRegistrationWasCompletedThenRegisterCourseUser');

/**
 * Enrols each user whose registration completed in the current course edition: CURRENT_COURSE_ID
 * when configured, else the course with the latest start not after the completion. The courses
 * come from this automation's own table, fed by the same subscription, so the choice depends only
 * on events before the completion and a redelivery chooses the same. A user who completes while
 * no course has started waits, and is enrolled in the next course created.
 */
export const WhenUserRegistrationWasCompletedThenRegisterCourseUser = automation<SqlExecutor>('when-user-registration-was-completed-then-register-course-user')
  .inject({ config: AppConfig })
  .onInitialPosition(async (tx) => {
    await tx.query('DELETE FROM course_enrollment_courses');
    await tx.query('DELETE FROM course_enrollment_waiting_users');
  })
  .on<CourseWasCreated>('CourseWasCreated', async (event, { tx, send, config }) => {
    const { courseId, startsAt } = event.data;
    await tx.query('INSERT INTO course_enrollment_courses (course_id, starts_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [courseId, startsAt]);
    if (config.currentCourseId !== undefined) return;

    // Enrol first, forget after: a crash in between repeats idempotent commands, never loses a user.
    const { rows: waiting } = await tx.query<{ user_id: string }>('SELECT user_id FROM course_enrollment_waiting_users ORDER BY waiting_since');
    for (const { user_id: userId } of waiting) await registerCourseUser(send, userId, courseId);
    await tx.query('DELETE FROM course_enrollment_waiting_users WHERE user_id = ANY($1::text[])', [waiting.map(({ user_id: userId }) => userId)]);
  })
  .on<UserRegistrationWasCompleted>('UserRegistrationWasCompleted', async (event, { tx, send, config }) => {
    const { userId } = event.data;
    const courseId = config.currentCourseId ?? (await latestCourseStartedBy(event, tx));
    if (courseId === undefined) {
      logger.warn({ msg: 'No course has started; the user will join the next course created', userId });
      await tx.query('INSERT INTO course_enrollment_waiting_users (user_id, waiting_since) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        userId,
        event.occurredAt,
      ]);
      return;
    }
    await registerCourseUser(send, userId, courseId);
  })
  // An erased user waits for no course.
  .on<UserWasErased>('UserWasErased', async (event, { tx }) => {
    await tx.query('DELETE FROM course_enrollment_waiting_users WHERE user_id = $1', [event.data.userId]);
  })
  // A user already in the course (e.g. enrolled by another path) stays as they are.
  .tolerating(RuleCode.COURSE_USER_ALREADY_REGISTERED)
  .build();

async function latestCourseStartedBy(completion: ApplicationEvent<UserRegistrationWasCompleted>, tx: SqlExecutor): Promise<string | undefined> {
  const { rows } = await tx.query<{ course_id: string }>(
    'SELECT course_id FROM course_enrollment_courses WHERE starts_at <= $1 ORDER BY starts_at DESC, course_id DESC LIMIT 1',
    [completion.occurredAt],
  );
  return rows[0]?.course_id;
}

async function registerCourseUser(send: Send, userId: string, courseId: string): Promise<void> {
  await send({
    class: RegisterCourseUserApplicationCommand,
    type: 'RegisterCourseUser',
    // One course user per course and user, whichever event led here: repeats are no-ops.
    data: { userId, courseUserId: derivedId(`${courseId}/${userId}`, 'course-user'), courseId },
  });
}
