import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { ApproveEmailConfirmationApplicationCommand } from '../../../shared/commands/approve-email-confirmation.command';
import { approveEmailConfirmation } from '../domain/approve-email-confirmation';
import { emailConfirmationStream } from '../domain/events';

export const ApproveEmailConfirmationCommandHandler = decidingCommandHandler(ApproveEmailConfirmationApplicationCommand, {
  stream: (command) => emailConfirmationStream(command.data.userId, command.data.confirmationFor),
  decide: approveEmailConfirmation,
});
