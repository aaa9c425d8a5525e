import type { DomainEvent } from '@coderscamp/event-sourcing';

/** Carries the whole registration so completion, profiles and credentials need no other source. */
export type UserRegistrationWasStarted = DomainEvent<
  'UserRegistrationWasStarted',
  { userId: string; fullName: string; emailAddress: string; hashedPassword: string }
>;
