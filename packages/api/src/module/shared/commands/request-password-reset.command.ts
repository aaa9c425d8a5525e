import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/** `resetId` identifies the request: issuing the command again with it changes nothing. */
export type RequestPasswordReset = DomainCommand<'RequestPasswordReset', { userId: string; resetId: string; emailAddress: string }>;

export class RequestPasswordResetApplicationCommand extends AbstractApplicationCommand<RequestPasswordReset> {}
