import { StreamName } from '@coderscamp/event-sourcing';
import type { EmailConfirmationWasApproved } from '../../../shared/events/email-confirmation-was-approved.event';
import type { EmailConfirmationWasRequested } from '../../../shared/events/email-confirmation-was-requested.event';

export type EmailConfirmationDomainEvent = EmailConfirmationWasRequested | EmailConfirmationWasApproved;

/** One stream per user and purpose: confirming an address for one purpose never approves another. */
export function emailConfirmationStream(userId: string, confirmationFor: string): StreamName {
  return StreamName.of('EmailConfirmation', `${userId}_${confirmationFor}`);
}
