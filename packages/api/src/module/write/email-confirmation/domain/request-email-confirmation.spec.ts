import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, it } from 'vitest';
import type { RequestEmailConfirmation } from '../../../shared/commands/request-email-confirmation.command';
import type { EmailConfirmationWasApproved } from '../../../shared/events/email-confirmation-was-approved.event';
import type { EmailConfirmationWasRequested } from '../../../shared/events/email-confirmation-was-requested.event';
import { EmailConfirmationAlreadyApproved } from './errors';
import { requestEmailConfirmation } from './request-email-confirmation';

const given = DeciderSpecification.for(requestEmailConfirmation);

const confirmation = { userId: 'user-1', confirmationFor: 'user-registration', emailAddress: 'jan@example.com' };
const requested = (confirmationToken: string): EmailConfirmationWasRequested => ({
  type: 'EmailConfirmationWasRequested',
  data: { ...confirmation, confirmationToken },
});
const approved = (confirmationToken: string): EmailConfirmationWasApproved => ({
  type: 'EmailConfirmationWasApproved',
  data: { ...confirmation, confirmationToken },
});
const request = (confirmationToken: string): RequestEmailConfirmation => ({
  type: 'RequestEmailConfirmation',
  data: { ...confirmation, confirmationToken },
});

describe('request email confirmation', () => {
  it('given nothing happened, when requesting a confirmation, then it was requested with the address to confirm', () => {
    given([]).when(request('token-1')).then([requested('token-1')]);
  });

  it('given a confirmation was requested, when requesting it with a new token, then the new token was requested', () => {
    given([requested('token-1')]).when(request('token-2')).then([requested('token-2')]);
  });

  it('given a token was requested, when requesting it with the same token again, then nothing happens', () => {
    given([requested('token-1')]).when(request('token-1')).thenNothingHappened();
  });

  it('given the confirmation was approved, when requesting another one, then it is refused', () => {
    given([requested('token-1'), approved('token-1')])
      .when(request('token-2'))
      .thenThrows(EmailConfirmationAlreadyApproved);
  });
});
