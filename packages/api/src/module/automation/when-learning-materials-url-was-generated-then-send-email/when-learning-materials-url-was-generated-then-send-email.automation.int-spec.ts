import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ANY, EventsSubscriptionsFactory, StreamName, type DomainEvent } from '@coderscamp/event-sourcing';
import { GIVEN_CORRELATION_ID } from '@coderscamp/event-sourcing/testing';
import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CourseParticipantsReadModule } from '../../../../test/support/course-participants';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import { SendEmailMessageApplicationCommand } from '../../shared/commands/send-email-message.command';
import type { CourseUserWasRegistered } from '../../shared/events/course-user-was-registered.event';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import type { UserRegistrationWasCompleted } from '../../shared/events/user-registration-was-completed.event';
import { COURSE_PARTICIPANTS_SUBSCRIPTION_ID } from '../../read/shared/read-model-subscription-ids';
import { WhenLearningMaterialsUrlWasGeneratedThenSendEmail } from './when-learning-materials-url-was-generated-then-send-email.automation';

/**
 * The recipient comes from the course participants read model, so its real projection runs next to
 * the automation on PostgreSQL, fed by the registration and enrolment events; the mail sender is
 * replaced by a handler that records.
 */
const sent: SendEmailMessageApplicationCommand[] = [];

@CommandHandler(SendEmailMessageApplicationCommand)
class RecordingSendEmailMessage implements ICommandHandler<SendEmailMessageApplicationCommand> {
  async execute(command: SendEmailMessageApplicationCommand): Promise<void> {
    sent.push(command);
  }
}

type Participant = Readonly<{ userId: string; courseUserId: string; fullName: string; emailAddress: string }>;

const participant = (name: string, fullName = name): Participant => ({
  userId: `user-${name}`,
  courseUserId: `course-user-${name}`,
  fullName,
  emailAddress: `${name}@example.com`,
});
const registrationCompleted = ({ userId, fullName, emailAddress }: Participant): UserRegistrationWasCompleted => ({
  type: 'UserRegistrationWasCompleted',
  data: { userId, fullName, emailAddress, hashedPassword: 'scrypt$not-used' },
});
const enrolled = ({ userId, courseUserId }: Participant): CourseUserWasRegistered => ({
  type: 'CourseUserWasRegistered',
  data: { userId, courseUserId, courseId: 'course-2025' },
});
const generated = ({ courseUserId }: Participant): LearningMaterialsUrlWasGenerated => ({
  type: 'LearningMaterialsUrlWasGenerated',
  data: { learningMaterialsId: `run-${courseUserId}`, courseUserId, materialsUrl: `https://app.process.st/runs/run-${courseUserId}` },
});

describe('when learning materials url was generated, then send email', () => {
  let database: ReadModelTestDatabase;
  let spec: ProjectionSpecification;

  beforeAll(async () => {
    database = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({
      imports: [database.platformModule(), CourseParticipantsReadModule, WhenLearningMaterialsUrlWasGeneratedThenSendEmail],
      providers: [RecordingSendEmailMessage],
      sqlClient: database.sqlClient,
    });
  });
  beforeEach(() => {
    sent.length = 0;
  });
  afterAll(async () => {
    await spec.close();
    await database.drop();
  });

  const givenParticipant = async (someone: Participant) => {
    await spec.givenEvents(`UserRegistration_${someone.userId}`, [registrationCompleted(someone)]);
    await spec.givenEvents(`CourseUser_course-2025_${someone.userId}`, [enrolled(someone)]);
  };

  it('when materials were generated, then the participant is mailed the link once, with the event as cause', async () => {
    const ada = participant('ada', 'Ada <Lovelace>');
    await givenParticipant(ada);

    await spec.givenEvents(`LearningMaterialsUrl_${ada.courseUserId}`, [generated(ada)]);

    expect(sent).toHaveLength(1);
    const [command] = sent;
    expect(command).toMatchObject({
      type: 'SendEmailMessage',
      data: { userId: ada.userId, to: 'ada@example.com', subject: 'Your CodersCamp learning materials', text: expect.stringContaining(generated(ada).data.materialsUrl) },
      metadata: { correlationId: GIVEN_CORRELATION_ID, causationId: expect.any(String) },
    });
    expect(command!.data.html).toContain('Ada &lt;Lovelace&gt;');
    expect(command!.data.emailMessageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('when other events occurred, then no mail is sent', async () => {
    await spec.givenEvents('LearningMaterialsTasks_run-ada', [{ type: 'TaskWasCompleted', data: { learningMaterialsId: 'run-ada', taskId: 'task-1' } }]);

    expect(sent).toEqual([]);
  });

  it('given the course participants projection lagging behind, when materials were generated, then the mail waits for it and is sent once it catches up', async () => {
    const subscriptions = spec.module.get(EventsSubscriptionsFactory);
    const projection = subscriptions.find(COURSE_PARTICIPANTS_SUBSCRIPTION_ID)!;
    const automation = subscriptions.find('WhenLearningMaterialsUrlWasGeneratedThenSendEmail_v1')!;
    await projection.stop();
    const alan = participant('alan', 'Alan Turing');

    // As after a deploy with a backlog, or a rebuild: the whole story is in the log, the read model has none of it.
    await append(`UserRegistration_${alan.userId}`, registrationCompleted(alan));
    await append(`CourseUser_course-2025_${alan.userId}`, enrolled(alan));
    await append(`LearningMaterialsUrl_${alan.courseUserId}`, generated(alan));
    await vi.waitFor(async () => expect(await automation.status()).toMatchObject({ state: 'waiting', waitingFor: { subscriptionId: COURSE_PARTICIPANTS_SUBSCRIPTION_ID } }));
    // Longer than the automation's retries would last: waiting spends none of them.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await automation.status()).toMatchObject({ state: 'waiting', handlerFailures: 0, lastError: null });
    expect(sent).toEqual([]);

    await projection.start();

    await vi.waitFor(() => expect(sent.map((command) => command.data.to)).toEqual(['alan@example.com']), { timeout: 5_000 });
    expect((await automation.status()).handlerFailures).toBe(0);
  });

  async function append(streamName: string, event: DomainEvent): Promise<void> {
    const metadata = { correlationId: GIVEN_CORRELATION_ID, causationId: GIVEN_CORRELATION_ID };
    await spec.eventStore.appendToStream(StreamName.parse(streamName), [{ ...event, id: randomUUID(), metadata, occurredAt: spec.timeProvider.currentTime() }], {
      expectedVersion: ANY,
    });
  }
});
