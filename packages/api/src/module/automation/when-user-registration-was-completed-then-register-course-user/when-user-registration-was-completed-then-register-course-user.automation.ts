import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type ApplicationEvent, ApplicationCommandFactory, EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import { RegisterCourseUserApplicationCommand } from '../../shared/commands/register-course-user.command';
import type { CourseWasCreated } from '../../shared/events/course-was-created.event';
import type { UserRegistrationWasCompleted } from '../../shared/events/user-registration-was-completed.event';
import { AppConfig } from '../../../shared/config/app-config';
import { derivedId } from '../shared/derived-id';
import { executeUnlessAlreadyDone } from '../shared/execute-unless-already-done';

/** A user already in the course (e.g. enrolled by another path) stays as they are. */
const ALREADY_DONE = ['COURSE_USER_ALREADY_REGISTERED'];

type Cause = Pick<ApplicationEvent, 'id' | 'metadata'>;

/**
 * Enrols each user whose registration completed in the current course edition: CURRENT_COURSE_ID
 * when configured, else the course with the latest start not after the completion. The courses
 * come from this automation's own table, fed by the same subscription, so the choice depends only
 * on events before the completion and a redelivery chooses the same. A user who completes while
 * no course has started waits, and is enrolled in the next course created.
 */
@Injectable()
export class WhenUserRegistrationWasCompletedThenRegisterCourseUser implements OnModuleInit {
  private readonly logger = new Logger(WhenUserRegistrationWasCompletedThenRegisterCourseUser.name);

  constructor(
    private readonly subscriptions: EventsSubscriptionsFactory<SqlExecutor>,
    private readonly commandBus: CommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription('WhenUserRegistrationWasCompletedThenRegisterCourseUser_v1')
      // Commands append in transactions of their own: run before the checkpoint moves (at least once; they are idempotent).
      .withOptions({ transactionalHandlers: false })
      .onInitialPosition(async (tx) => {
        await tx.query('DELETE FROM course_enrollment_courses');
        await tx.query('DELETE FROM course_enrollment_waiting_users');
      })
      .onEvent<CourseWasCreated>('CourseWasCreated', (event, tx) => this.onCourseCreated(event, tx))
      .onEvent<UserRegistrationWasCompleted>('UserRegistrationWasCompleted', (event, tx) => this.onRegistrationCompleted(event, tx))
      .build();
  }

  private async onCourseCreated(event: ApplicationEvent<CourseWasCreated>, tx: SqlExecutor): Promise<void> {
    const { courseId, startsAt } = event.data;
    await tx.query('INSERT INTO course_enrollment_courses (course_id, starts_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [courseId, startsAt]);
    if (this.config.currentCourseId !== undefined) return;

    // Enrol first, forget after: a crash in between repeats idempotent commands, never loses a user.
    const { rows: waiting } = await tx.query<{ user_id: string }>('SELECT user_id FROM course_enrollment_waiting_users ORDER BY waiting_since');
    for (const { user_id: userId } of waiting) await this.registerCourseUser(userId, courseId, event);
    await tx.query('DELETE FROM course_enrollment_waiting_users WHERE user_id = ANY($1::text[])', [waiting.map(({ user_id: userId }) => userId)]);
  }

  private async onRegistrationCompleted(event: ApplicationEvent<UserRegistrationWasCompleted>, tx: SqlExecutor): Promise<void> {
    const { userId } = event.data;
    const courseId = this.config.currentCourseId ?? (await this.latestCourseStartedBy(event.occurredAt, tx));
    if (courseId === undefined) {
      this.logger.warn({ msg: 'No course has started; the user will join the next course created', userId });
      await tx.query('INSERT INTO course_enrollment_waiting_users (user_id, waiting_since) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        userId,
        event.occurredAt,
      ]);
      return;
    }
    await this.registerCourseUser(userId, courseId, event);
  }

  private async latestCourseStartedBy(instant: Date, tx: SqlExecutor): Promise<string | undefined> {
    const { rows } = await tx.query<{ course_id: string }>(
      'SELECT course_id FROM course_enrollment_courses WHERE starts_at <= $1 ORDER BY starts_at DESC, course_id DESC LIMIT 1',
      [instant],
    );
    return rows[0]?.course_id;
  }

  private async registerCourseUser(userId: string, courseId: string, cause: Cause): Promise<void> {
    const command = this.commandFactory.applicationCommand(() => ({
      class: RegisterCourseUserApplicationCommand,
      type: 'RegisterCourseUser',
      // One course user per course and user, whichever event led here: repeats are no-ops.
      data: { userId, courseUserId: derivedId(`${courseId}/${userId}`, 'course-user'), courseId },
      metadata: { correlationId: cause.metadata.correlationId, causationId: cause.id },
    }));
    await executeUnlessAlreadyDone(this.commandBus, command, ALREADY_DONE);
  }
}
