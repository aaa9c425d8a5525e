import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

export type RequestEmailConfirmation = DomainCommand<
  'RequestEmailConfirmation',
  { userId: string; confirmationToken: string; confirmationFor: string; emailAddress: string }
>;

export class RequestEmailConfirmationApplicationCommand extends AbstractApplicationCommand<RequestEmailConfirmation> {}
