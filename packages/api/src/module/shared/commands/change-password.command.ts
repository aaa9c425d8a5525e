import { AbstractApplicationCommand, type DomainCommand, type LogPosition } from '@coderscamp/event-sourcing';

/**
 * The command handler checks `currentPassword` and hashes `newPassword` before the domain decides;
 * only the hash is ever stored. `keptSessionId` is the session the change was made from.
 */
export type ChangePassword = DomainCommand<
  'ChangePassword',
  { userId: string; currentPassword: string; newPassword: string; keptSessionId: string }
>;

/** Answers where its events landed in the log (null: nothing appended), to wait for read models. */
export class ChangePasswordApplicationCommand extends AbstractApplicationCommand<ChangePassword, LogPosition | null> {}
