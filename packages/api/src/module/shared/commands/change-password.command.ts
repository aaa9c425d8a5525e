import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/**
 * The command handler checks `currentPassword` and hashes `newPassword` before the domain decides;
 * only the hash is ever stored. `keptSessionId` is the session the change was made from.
 */
export type ChangePassword = DomainCommand<
  'ChangePassword',
  { userId: string; currentPassword: string; newPassword: string; keptSessionId: string }
>;

export class ChangePasswordApplicationCommand extends AbstractApplicationCommand<ChangePassword> {}
