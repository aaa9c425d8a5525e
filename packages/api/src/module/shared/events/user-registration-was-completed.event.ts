import type { DomainEvent } from '@coderscamp/event-sourcing';

/** Repeats the registration data, so read models built from completions alone hold full accounts. */
export type UserRegistrationWasCompleted = DomainEvent<
  'UserRegistrationWasCompleted',
  { userId: string; fullName: string; emailAddress: string; hashedPassword: string }
>;
