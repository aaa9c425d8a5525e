import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { lastAppendedPosition } from '../../shared/read-model-catch-up';
import { ApproveEmailConfirmationApplicationCommand } from '../../../shared/commands/approve-email-confirmation.command';
import { approveEmailConfirmation } from '../domain/approve-email-confirmation';
import { emailConfirmationStream } from '../domain/events';

/** Answers where the approval landed in the log, so the endpoint can wait until sign-in accepts the account. */
export const ApproveEmailConfirmationCommandHandler = decidingCommandHandler(ApproveEmailConfirmationApplicationCommand, {
  stream: (command) => emailConfirmationStream(command.data.userId, command.data.confirmationFor),
  decide: approveEmailConfirmation,
  answer: lastAppendedPosition,
});
