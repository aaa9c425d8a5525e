import type { DomainEvent } from '@coderscamp/event-sourcing';

/**
 * A user set a new password through a mailed reset link. Credentials follow `hashedPassword`, and
 * every session of the user ends: whoever held the old password may hold a session too.
 */
export type PasswordWasReset = DomainEvent<'PasswordWasReset', { userId: string; hashedPassword: string }>;
