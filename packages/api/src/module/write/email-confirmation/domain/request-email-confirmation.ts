import type { RequestEmailConfirmation } from '../../../shared/commands/request-email-confirmation.command';
import { EmailConfirmationAlreadyApproved } from './errors';
import type { EmailConfirmationDomainEvent } from './events';

type EmailConfirmation = { requestedTokens: ReadonlySet<string>; approved: boolean };

/** A new request supersedes every earlier token: only the latest one can be approved. */
export function requestEmailConfirmation(
  pastEvents: EmailConfirmationDomainEvent[],
  command: RequestEmailConfirmation,
): EmailConfirmationDomainEvent[] {
  const state = pastEvents.reduce<EmailConfirmation>(
    (confirmation, event) => {
      switch (event.type) {
        case 'EmailConfirmationWasRequested':
          return { ...confirmation, requestedTokens: new Set([...confirmation.requestedTokens, event.data.confirmationToken]) };
        case 'EmailConfirmationWasApproved':
          return { ...confirmation, approved: true };
        default:
          return confirmation;
      }
    },
    { requestedTokens: new Set(), approved: false },
  );

  const { userId, confirmationToken, confirmationFor, emailAddress } = command.data;
  if (state.approved) {
    throw new EmailConfirmationAlreadyApproved(userId, confirmationFor);
  }
  // A redelivered request carries a token already issued; issuing it again would change nothing.
  if (state.requestedTokens.has(confirmationToken)) return [];

  return [{ type: 'EmailConfirmationWasRequested', data: { userId, confirmationToken, confirmationFor, emailAddress } }];
}
