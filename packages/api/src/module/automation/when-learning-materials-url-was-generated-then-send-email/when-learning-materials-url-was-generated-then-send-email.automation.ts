import { automation, dependency } from '@coderscamp/event-sourcing/nestjs';
import { eq } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { SendEmailMessageApplicationCommand } from '../../shared/commands/send-email-message.command';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import { courseParticipantAccounts, courseParticipants } from '../../read/shared/course-participants.table';
import { COURSE_PARTICIPANTS_SUBSCRIPTION_ID } from '../../read/shared/read-model-subscription-ids';
import { emailMessageIdFor, learningMaterialsEmail } from './learning-materials-email';

type Recipient = Readonly<{ userId: string; fullName: string; emailAddress: string }>;

export const WhenLearningMaterialsUrlWasGeneratedThenSendEmail = automation('when-learning-materials-url-was-generated-then-send-email')
  .inject({ db: dependency<ReadModelDatabase>(READ_MODEL_DATABASE) })
  // The recipient is looked up in the course participants read model: wait until it has caught up with each event.
  .readsFrom(COURSE_PARTICIPANTS_SUBSCRIPTION_ID)
  .on<LearningMaterialsUrlWasGenerated>('LearningMaterialsUrlWasGenerated', async (event, { send, db }) => {
    const { courseUserId, materialsUrl } = event.data;
    const recipient = await recipientOf(db, courseUserId);
    await send({
      class: SendEmailMessageApplicationCommand,
      type: 'SendEmailMessage',
      data: {
        emailMessageId: emailMessageIdFor(event.id),
        userId: recipient.userId,
        to: recipient.emailAddress,
        ...learningMaterialsEmail(recipient.fullName, materialsUrl),
      },
    });
  })
  .build();

// Runs only once the read model has handled every event up to this one (`readsFrom`), and
// materials are only generated for participants it knows: a miss is then a genuine failure, left
// to the subscription's retries and poison-event policy, which keep the event rather than lose the mail.
async function recipientOf(db: ReadModelDatabase, courseUserId: string): Promise<Recipient> {
  const [recipient] = await db
    .select({ userId: courseParticipants.userId, fullName: courseParticipantAccounts.fullName, emailAddress: courseParticipantAccounts.emailAddress })
    .from(courseParticipants)
    .innerJoin(courseParticipantAccounts, eq(courseParticipantAccounts.userId, courseParticipants.userId))
    .where(eq(courseParticipants.courseUserId, courseUserId));
  if (recipient?.emailAddress == null || recipient.fullName === null) throw new Error(`No email address known yet for course user ${courseUserId}`);
  return { userId: recipient.userId, fullName: recipient.fullName, emailAddress: recipient.emailAddress };
}
