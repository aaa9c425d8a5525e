import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { RequestEmailConfirmationApplicationCommand } from '../../../shared/commands/request-email-confirmation.command';
import { requestEmailConfirmation } from '../domain/request-email-confirmation';
import { emailConfirmationStream } from '../domain/events';

export const RequestEmailConfirmationCommandHandler = decidingCommandHandler(RequestEmailConfirmationApplicationCommand, {
  stream: (command) => emailConfirmationStream(command.data.userId, command.data.confirmationFor),
  decide: requestEmailConfirmation,
});
