import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

export type CompleteUserRegistration = DomainCommand<'CompleteUserRegistration', { userId: string }>;

export class CompleteUserRegistrationApplicationCommand extends AbstractApplicationCommand<CompleteUserRegistration> {}
