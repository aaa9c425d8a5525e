import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/** The command handler hashes `plainPassword` before the domain decides; only the hash is ever stored. */
export type RegisterUser = DomainCommand<
  'RegisterUser',
  { userId: string; fullName: string; emailAddress: string; plainPassword: string }
>;

export class RegisterUserApplicationCommand extends AbstractApplicationCommand<RegisterUser> {}
