import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

export type ReserveEmailAddress = DomainCommand<'ReserveEmailAddress', { emailAddress: string; userId: string }>;

export class ReserveEmailAddressApplicationCommand extends AbstractApplicationCommand<ReserveEmailAddress> {}
