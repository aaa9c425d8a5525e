import { AbstractApplicationCommand, type DomainCommand, type LogPosition } from '@coderscamp/event-sourcing';

/**
 * Erase a user's personal data. A user erasing their own account proves it with `password` (the
 * handler checks it); an administrator's erasure names no password, the route's role check vouches.
 */
export type EraseUser = DomainCommand<
  'EraseUser',
  { userId: string; erasedBy: Readonly<{ kind: 'user'; password: string }> | Readonly<{ kind: 'admin' }> }
>;

/** Answers where the erasure landed in the log (null: nothing appended), to wait for the read models and the erasure itself. */
export class EraseUserApplicationCommand extends AbstractApplicationCommand<EraseUser, LogPosition | null> {}
