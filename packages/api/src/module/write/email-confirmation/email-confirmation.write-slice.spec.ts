import { testCommand } from '@coderscamp/event-sourcing/testing';
import { WriteModuleSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { ApproveEmailConfirmationApplicationCommand } from '../../shared/commands/approve-email-confirmation.command';
import { RequestEmailConfirmationApplicationCommand } from '../../shared/commands/request-email-confirmation.command';
import { EmailConfirmationAlreadyApproved, EmailConfirmationNotRequested, EmailConfirmationTokenObsolete } from './domain/errors';
import { ApproveEmailConfirmationCommandHandler } from './application/approve-email-confirmation.command-handler';
import { RequestEmailConfirmationCommandHandler } from './application/request-email-confirmation.command-handler';

const stream = 'EmailConfirmation_user-1_user-registration';
const requested = (confirmationToken: string) => ({
  type: 'EmailConfirmationWasRequested',
  data: { userId: 'user-1', confirmationToken, confirmationFor: 'user-registration', emailAddress: 'jan@example.com' },
});
const request = (confirmationToken: string) =>
  testCommand({ class: RequestEmailConfirmationApplicationCommand, type: 'RequestEmailConfirmation', data: requested(confirmationToken).data });
const approve = (confirmationToken: string) =>
  testCommand({ class: ApproveEmailConfirmationApplicationCommand, type: 'ApproveEmailConfirmation', data: { userId: 'user-1', confirmationToken, confirmationFor: 'user-registration' }, id: 'command-2' });

describe('email confirmation write slice', () => {
  let spec: WriteModuleSpecification;
  beforeEach(async () => {
    spec = await WriteModuleSpecification.for({ imports: [], providers: [RequestEmailConfirmationCommandHandler, ApproveEmailConfirmationCommandHandler] });
  });
  afterEach(() => spec.close());

  it('given nothing, when a confirmation is requested, then it was requested in the stream of the user and purpose', async () => {
    await spec.whenCommandExecuted(request('user-1.token-a'));

    await spec.thenEventsPublished(stream, [requested('user-1.token-a')]);
  });

  it('given the same token was requested, when requested again (a redelivery), then nothing new happens', async () => {
    await spec.givenEventsOccurred(stream, [requested('user-1.token-a')]);

    await spec.whenCommandExecuted(request('user-1.token-a'));

    await spec.thenNothingPublished(stream);
  });

  it('given a request, when approving its token, then approved with the requested address', async () => {
    await spec.givenEventsOccurred(stream, [requested('user-1.token-a')]);

    await spec.whenCommandExecuted(approve('user-1.token-a'));

    await spec.thenEventsPublished(stream, [
      {
        type: 'EmailConfirmationWasApproved',
        data: { userId: 'user-1', confirmationToken: 'user-1.token-a', confirmationFor: 'user-registration', emailAddress: 'jan@example.com' },
      },
    ]);
  });

  it('given a newer request, when approving the older token, then refused as obsolete', async () => {
    await spec.givenEventsOccurred(stream, [requested('user-1.token-a'), requested('user-1.token-b')]);

    await spec.whenCommandExecuted(approve('user-1.token-a'));

    await spec.thenCommandFailed(EmailConfirmationTokenObsolete);
  });

  it('given nothing requested, when approving, then refused; given approved, then approving again is refused', async () => {
    await spec.whenCommandExecuted(approve('user-1.token-a'));
    await spec.thenCommandFailed(EmailConfirmationNotRequested);

    await spec.givenEventsOccurred(stream, [requested('user-1.token-a')]);
    await spec.whenCommandExecuted(approve('user-1.token-a'));
    await spec.whenCommandExecuted(approve('user-1.token-a'));
    await spec.thenCommandFailed(EmailConfirmationAlreadyApproved);
  });
});
