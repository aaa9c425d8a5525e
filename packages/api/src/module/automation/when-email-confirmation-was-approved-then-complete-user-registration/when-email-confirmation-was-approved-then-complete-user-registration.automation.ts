import { automation } from '@coderscamp/event-sourcing/nestjs';
import { CompleteUserRegistrationApplicationCommand } from '../../shared/commands/complete-user-registration.command';
import { USER_REGISTRATION_CONFIRMATION } from '../../shared/email-confirmation-token';
import { RuleCode } from '../../shared/errors/rule-codes';
import type { EmailConfirmationWasApproved } from '../../shared/events/email-confirmation-was-approved.event';

export const WhenEmailConfirmationWasApprovedThenCompleteUserRegistration = automation('when-email-confirmation-was-approved-then-complete-user-registration')
  .on<EmailConfirmationWasApproved>('EmailConfirmationWasApproved', async (event, { send }) => {
    if (event.data.confirmationFor !== USER_REGISTRATION_CONFIRMATION) return;
    await send({ class: CompleteUserRegistrationApplicationCommand, type: 'CompleteUserRegistration', data: { userId: event.data.userId } });
  })
  // The first admin's registration is completed at start-up, before this may see its approval.
  .tolerating(RuleCode.USER_REGISTRATION_ALREADY_COMPLETED)
  // The user was erased between the approval and its completion: there is no account left to complete.
  .tolerating(RuleCode.USER_ALREADY_ERASED)
  .build();
