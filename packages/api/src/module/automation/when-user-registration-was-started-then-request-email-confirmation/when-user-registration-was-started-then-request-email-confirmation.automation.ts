import { automation } from '@coderscamp/event-sourcing/nestjs';
import { RequestEmailConfirmationApplicationCommand } from '../../shared/commands/request-email-confirmation.command';
import { emailConfirmationToken, USER_REGISTRATION_CONFIRMATION } from '../../shared/email-confirmation-token';
import { RuleCode } from '../../shared/errors/rule-codes';
import type { UserRegistrationWasStarted } from '../../shared/events/user-registration-was-started.event';
import { derivedSecret } from '../shared/derived-id';

export const WhenUserRegistrationWasStartedThenRequestEmailConfirmation = automation('when-user-registration-was-started-then-request-email-confirmation')
  .on<UserRegistrationWasStarted>('UserRegistrationWasStarted', async (event, { send }) => {
    const { userId, emailAddress } = event.data;
    await send({
      class: RequestEmailConfirmationApplicationCommand,
      type: 'RequestEmailConfirmation',
      data: {
        userId,
        // Derived from the event: a redelivery requests the same token, which the decision ignores.
        confirmationToken: emailConfirmationToken(userId, derivedSecret(event.id, 'email-confirmation-token')),
        confirmationFor: USER_REGISTRATION_CONFIRMATION,
        emailAddress,
      },
    });
  })
  // A registration confirmed by other means (the first admin) needs no confirmation request.
  .tolerating(RuleCode.EMAIL_CONFIRMATION_ALREADY_APPROVED)
  .build();
