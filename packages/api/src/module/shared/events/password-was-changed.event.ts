import type { DomainEvent } from '@coderscamp/event-sourcing';

/**
 * A logged-in user replaced their password, knowing the current one. Credentials follow
 * `hashedPassword`; every other session of the user ends, `keptSessionId` (the one used to change
 * it) stays open.
 */
export type PasswordWasChanged = DomainEvent<'PasswordWasChanged', { userId: string; hashedPassword: string; keptSessionId: string }>;
