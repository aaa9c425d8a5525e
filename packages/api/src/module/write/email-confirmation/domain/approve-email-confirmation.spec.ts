import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it } from 'vitest';
import type { ApproveEmailConfirmation } from '../../../shared/commands/approve-email-confirmation.command';
import type { EmailConfirmationWasApproved } from '../../../shared/events/email-confirmation-was-approved.event';
import type { EmailConfirmationWasRequested } from '../../../shared/events/email-confirmation-was-requested.event';
import { approveEmailConfirmation } from './approve-email-confirmation';
import {
  EmailConfirmationAlreadyApproved,
  EmailConfirmationNotRequested,
  EmailConfirmationTokenObsolete,
  EmailConfirmationTokenUnknown,
} from './errors';
import { emailConfirmationStream } from './events';

const given = DeciderSpecification.for(approveEmailConfirmation);

const confirmation = { userId: 'user-1', confirmationFor: 'user-registration' };
const requested = (confirmationToken: string, emailAddress = 'jan@example.com'): EmailConfirmationWasRequested => ({
  type: 'EmailConfirmationWasRequested',
  data: { ...confirmation, confirmationToken, emailAddress },
});
const approved = (confirmationToken: string, emailAddress = 'jan@example.com'): EmailConfirmationWasApproved => ({
  type: 'EmailConfirmationWasApproved',
  data: { ...confirmation, confirmationToken, emailAddress },
});
const approve = (confirmationToken: string): ApproveEmailConfirmation => ({
  type: 'ApproveEmailConfirmation',
  data: { ...confirmation, confirmationToken },
});

describe('approve email confirmation', () => {
  it('given a confirmation was requested, when approving its token, then it was approved for the requested address', () => {
    given([requested('token-1')]).when(approve('token-1')).then([approved('token-1')]);
  });

  it('given nothing was requested, when approving a token, then it is refused as not requested', () => {
    given([]).when(approve('token-1')).thenThrows(EmailConfirmationNotRequested, (error) => expect(error.kind).toBe('not-found'));
  });

  it('given a newer request superseded a token, when approving the older token, then it is refused as obsolete', () => {
    given([requested('token-1'), requested('token-2')])
      .when(approve('token-1'))
      .thenThrows(EmailConfirmationTokenObsolete, (error) => expect(error.kind).toBe('conflict'));
  });

  it('given a newer request superseded a token, when approving the newer token, then it was approved for the newer address', () => {
    given([requested('token-1'), requested('token-2', 'jan.kowalski@example.com')])
      .when(approve('token-2'))
      .then([approved('token-2', 'jan.kowalski@example.com')]);
  });

  it('given a confirmation was requested, when approving a token never issued, then it is refused as unknown', () => {
    given([requested('token-1')]).when(approve('forged-token')).thenThrows(EmailConfirmationTokenUnknown);
  });

  it('given the confirmation was approved, when approving it again, then it is refused as already approved', () => {
    given([requested('token-1'), approved('token-1')])
      .when(approve('token-1'))
      .thenThrows(EmailConfirmationAlreadyApproved, (error) => {
        expect(error.code).toBe('EMAIL_CONFIRMATION_ALREADY_APPROVED');
      });
  });

  it('given the confirmation was approved, when approving an older token, then it is refused as already approved', () => {
    given([requested('token-1'), requested('token-2'), approved('token-2')])
      .when(approve('token-1'))
      .thenThrows(EmailConfirmationAlreadyApproved);
  });

  it('given a user and a purpose, when naming the stream, then the category stays free of underscores', () => {
    const stream = emailConfirmationStream('user-1', 'user-registration');
    expect(stream.toString()).toBe('EmailConfirmation_user-1_user-registration');
    expect(stream.category).toBe('EmailConfirmation');
  });
});
