import type { ApproveEmailConfirmation } from '../../../shared/commands/approve-email-confirmation.command';
import {
  EmailConfirmationAlreadyApproved,
  EmailConfirmationNotRequested,
  EmailConfirmationTokenObsolete,
  EmailConfirmationTokenUnknown,
} from './errors';
import type { EmailConfirmationDomainEvent } from './events';

type EmailConfirmation = {
  requestedTokens: ReadonlySet<string>;
  latest: { confirmationToken: string; emailAddress: string } | undefined;
  approved: boolean;
};

export function approveEmailConfirmation(
  pastEvents: EmailConfirmationDomainEvent[],
  command: ApproveEmailConfirmation,
): EmailConfirmationDomainEvent[] {
  const state = pastEvents.reduce<EmailConfirmation>(
    (confirmation, event) => {
      switch (event.type) {
        case 'EmailConfirmationWasRequested': {
          const { confirmationToken, emailAddress } = event.data;
          return {
            ...confirmation,
            requestedTokens: new Set([...confirmation.requestedTokens, confirmationToken]),
            latest: { confirmationToken, emailAddress },
          };
        }
        case 'EmailConfirmationWasApproved':
          return { ...confirmation, approved: true };
        default:
          return confirmation;
      }
    },
    { requestedTokens: new Set(), latest: undefined, approved: false },
  );

  const { userId, confirmationToken, confirmationFor } = command.data;
  if (state.latest === undefined) throw new EmailConfirmationNotRequested(userId, confirmationFor);
  if (state.approved) throw new EmailConfirmationAlreadyApproved(userId, confirmationFor);
  if (confirmationToken !== state.latest.confirmationToken) {
    const wasIssued = state.requestedTokens.has(confirmationToken);
    throw wasIssued ? new EmailConfirmationTokenObsolete() : new EmailConfirmationTokenUnknown();
  }

  const { emailAddress } = state.latest;
  return [{ type: 'EmailConfirmationWasApproved', data: { userId, confirmationToken, confirmationFor, emailAddress } }];
}
