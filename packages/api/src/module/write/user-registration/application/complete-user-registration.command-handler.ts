import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { CompleteUserRegistrationApplicationCommand } from '../../../shared/commands/complete-user-registration.command';
import { completeUserRegistration } from '../domain/complete-user-registration';
import { userRegistrationStream } from '../domain/events';

export const CompleteUserRegistrationCommandHandler = decidingCommandHandler(CompleteUserRegistrationApplicationCommand, {
  stream: (command) => userRegistrationStream(command.data.userId),
  decide: completeUserRegistration,
});
