import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApplicationCommandFactory, EventsSubscriptionsFactory, type ApplicationEvent } from '@coderscamp/event-sourcing';
import { eq } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { SendEmailMessageApplicationCommand } from '../../shared/commands/send-email-message.command';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import { courseParticipantAccounts, courseParticipants } from '../../read/shared/course-participants.table';
import { COURSE_PARTICIPANTS_SUBSCRIPTION_ID } from '../../read/shared/read-model-subscription-ids';
import { emailMessageIdFor, learningMaterialsEmail } from './learning-materials-email';

type Recipient = Readonly<{ fullName: string; emailAddress: string }>;

@Injectable()
export class WhenLearningMaterialsUrlWasGeneratedThenSendEmail implements OnModuleInit {
  constructor(
    private readonly subscriptionsFactory: EventsSubscriptionsFactory<unknown>,
    private readonly commandFactory: ApplicationCommandFactory,
    private readonly commandBus: CommandBus,
    @Inject(READ_MODEL_DATABASE) private readonly db: ReadModelDatabase,
  ) {}

  onModuleInit(): void {
    this.subscriptionsFactory
      .subscription('WhenLearningMaterialsUrlWasGeneratedThenSendEmail_v1')
      // Commands append in transactions of their own: run before the checkpoint moves (at least once; they are idempotent).
      .withOptions({ transactionalHandlers: false })
      // The recipient is looked up in the course participants read model: wait until it has caught up with each event.
      .readsFrom(COURSE_PARTICIPANTS_SUBSCRIPTION_ID)
      .onEvent<LearningMaterialsUrlWasGenerated>('LearningMaterialsUrlWasGenerated', (event) => this.sendEmail(event))
      .build();
  }

  private async sendEmail(event: ApplicationEvent<LearningMaterialsUrlWasGenerated>): Promise<void> {
    const { courseUserId, materialsUrl } = event.data;
    const recipient = await this.recipientOf(courseUserId);
    const email = learningMaterialsEmail(recipient.fullName, materialsUrl);
    const command = this.commandFactory.applicationCommand(() => ({
      class: SendEmailMessageApplicationCommand,
      type: 'SendEmailMessage',
      data: { emailMessageId: emailMessageIdFor(event.id), to: recipient.emailAddress, ...email },
      metadata: { correlationId: event.metadata.correlationId, causationId: event.id },
    }));
    await this.commandBus.execute(command);
  }

  // Runs only once the read model has handled every event up to this one (`readsFrom`), and
  // materials are only generated for participants it knows: a miss is then a genuine failure, left
  // to the subscription's retries and poison-event policy, which keep the event rather than lose the mail.
  private async recipientOf(courseUserId: string): Promise<Recipient> {
    const [recipient] = await this.db
      .select({ fullName: courseParticipantAccounts.fullName, emailAddress: courseParticipantAccounts.emailAddress })
      .from(courseParticipants)
      .innerJoin(courseParticipantAccounts, eq(courseParticipantAccounts.userId, courseParticipants.userId))
      .where(eq(courseParticipants.courseUserId, courseUserId));
    if (recipient?.emailAddress == null || recipient.fullName === null) throw new Error(`No email address known yet for course user ${courseUserId}`);
    return { fullName: recipient.fullName, emailAddress: recipient.emailAddress };
  }
}
