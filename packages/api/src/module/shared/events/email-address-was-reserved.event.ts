import type { DomainEvent } from '@coderscamp/event-sourcing';

/** `emailAddress` is normalized (trimmed, lower case): uniqueness is case-insensitive. */
export type EmailAddressWasReserved = DomainEvent<'EmailAddressWasReserved', { emailAddress: string; userId: string }>;
