import type { DomainEvent } from '@coderscamp/event-sourcing';

/**
 * The user's personal data is to be erased (GDPR Art. 17), at their request (`erasedBy: 'user'`) or
 * an administrator's. Read models drop the user's rows; the erasure automation releases the
 * address and erases the user's key. `emailAddress` is the address to release: personal data like
 * any other, so it is stored encrypted and reads as erased once the erasure has run.
 */
export type UserWasErased = DomainEvent<'UserWasErased', { userId: string; emailAddress: string; erasedBy: 'user' | 'admin' }>;
