import { AbstractApplicationCommand, type DomainCommand, type LogPosition } from '@coderscamp/event-sourcing';

export type ApproveEmailConfirmation = DomainCommand<
  'ApproveEmailConfirmation',
  { confirmationToken: string; userId: string; confirmationFor: string }
>;

export class ApproveEmailConfirmationApplicationCommand extends AbstractApplicationCommand<ApproveEmailConfirmation, LogPosition | null> {}
