import type { EraseUser } from '../../../shared/commands/erase-user.command';
import { UserAlreadyErased, UserNotFound, WrongPassword } from './errors';
import type { UserRegistrationDomainEvent } from './events';

/** What the handler found out about the password before deciding; an administrator's erasure needs none. */
export type CheckedErasure = Readonly<{ passwordMatches: boolean }> | 'requested-by-admin';

type Account = { status: 'none' } | { status: 'registered'; emailAddress: string } | { status: 'erased' };

function accountOf(pastEvents: readonly UserRegistrationDomainEvent[]): Account {
  return pastEvents.reduce<Account>((account, event) => {
    switch (event.type) {
      case 'UserRegistrationWasStarted':
        return { status: 'registered', emailAddress: event.data.emailAddress };
      case 'UserWasErased':
        return { status: 'erased' };
      default:
        return account;
    }
  }, { status: 'none' });
}

/**
 * Any started registration can be erased, completed or not: its address is reserved and its data
 * stored either way. An erased account stays erased; there is nothing left to erase twice.
 */
export function eraseUser(pastEvents: UserRegistrationDomainEvent[], command: EraseUser, checked: CheckedErasure): UserRegistrationDomainEvent[] {
  const { userId, erasedBy } = command.data;
  const account = accountOf(pastEvents);
  if (account.status === 'none') throw new UserNotFound(userId);
  if (account.status === 'erased') throw new UserAlreadyErased(userId);
  if (checked !== 'requested-by-admin' && !checked.passwordMatches) throw new WrongPassword(userId);
  return [{ type: 'UserWasErased', data: { userId, emailAddress: account.emailAddress, erasedBy: erasedBy.kind } }];
}
