import { personalData, type PersonalDataDeclaration } from '@coderscamp/event-sourcing';
import type { EmailAddressReservationWasReleased } from './events/email-address-reservation-was-released.event';
import type { EmailAddressWasReserved } from './events/email-address-was-reserved.event';
import type { EmailConfirmationWasApproved } from './events/email-confirmation-was-approved.event';
import type { EmailConfirmationWasRequested } from './events/email-confirmation-was-requested.event';
import type { EmailMessageWasSent } from './events/email-message-was-sent.event';
import type { PasswordResetWasRequested } from './events/password-reset-was-requested.event';
import type { PasswordWasChanged } from './events/password-was-changed.event';
import type { PasswordWasReset } from './events/password-was-reset.event';
import type { SessionWasStarted } from './events/session-was-started.event';
import type { UserProfileWasChanged } from './events/user-profile-was-changed.event';
import type { UserRegistrationWasCompleted } from './events/user-registration-was-completed.event';
import type { UserRegistrationWasStarted } from './events/user-registration-was-started.event';
import type { UserWasErased } from './events/user-was-erased.event';
import { normalizedEmailAddress } from './email-address';

/** Every event about a user names them in `userId`: their data is theirs, encrypted under their key. */
const theUser = ({ data }: { data: { userId: string | null } }): string | undefined => data.userId ?? undefined;

/**
 * Which fields of which events hold whose personal data (ADR 0020), in one place: the event store
 * encrypts these fields under their subject's key, and an erasure reaches them through it. One
 * list, so what the platform keeps about people can be read, reviewed and audited at a glance;
 * `personal-data.spec.ts` fails when an event type in `events/` holds a field that looks personal
 * and is not declared here. Ids, tokens' hashes, URLs of materials and counts are not personal data.
 */
export const PERSONAL_DATA: readonly PersonalDataDeclaration[] = [
  personalData<UserRegistrationWasStarted>('UserRegistrationWasStarted', { subjectOf: theUser, fields: ['fullName', 'emailAddress', 'hashedPassword'] }),
  personalData<UserRegistrationWasCompleted>('UserRegistrationWasCompleted', { subjectOf: theUser, fields: ['fullName', 'emailAddress', 'hashedPassword'] }),
  personalData<UserProfileWasChanged>('UserProfileWasChanged', { subjectOf: theUser, fields: ['fullName', 'image'] }),
  personalData<EmailAddressWasReserved>('EmailAddressWasReserved', { subjectOf: theUser, fields: ['emailAddress'] }),
  personalData<EmailAddressReservationWasReleased>('EmailAddressReservationWasReleased', { subjectOf: theUser, fields: ['emailAddress'] }),
  personalData<EmailConfirmationWasRequested>('EmailConfirmationWasRequested', { subjectOf: theUser, fields: ['emailAddress'] }),
  personalData<EmailConfirmationWasApproved>('EmailConfirmationWasApproved', { subjectOf: theUser, fields: ['emailAddress'] }),
  personalData<PasswordResetWasRequested>('PasswordResetWasRequested', { subjectOf: theUser, fields: ['emailAddress'] }),
  personalData<PasswordWasChanged>('PasswordWasChanged', { subjectOf: theUser, fields: ['hashedPassword'] }),
  personalData<PasswordWasReset>('PasswordWasReset', { subjectOf: theUser, fields: ['hashedPassword'] }),
  // What a client said it was: it tells the user's devices apart, and so the user.
  personalData<SessionWasStarted>('SessionWasStarted', { subjectOf: theUser, fields: ['userAgent'] }),
  // Subject and sender are the platform's own words; the recipient and the body (names, links) are the user's.
  personalData<EmailMessageWasSent>('EmailMessageWasSent', { subjectOf: theUser, fields: ['to', 'text', 'html'] }),
  personalData<UserWasErased>('UserWasErased', { subjectOf: theUser, fields: ['emailAddress'] }),
];

/**
 * The declarations the plaintext rewrite of one subject's erasure uses. A mail stored before mails
 * named their user (EmailMessageWasSent at schema version 1) has no subject; every mail the
 * platform sends goes to the address of the user it is about, so a mail to the erased user's
 * address is theirs. Without the address (it reads as erased already), such mails match no one.
 */
export function personalDataOfErasure(subject: string, emailAddress: string | undefined): readonly PersonalDataDeclaration[] {
  if (emailAddress === undefined) return PERSONAL_DATA;
  const address = normalizedEmailAddress(emailAddress);
  const sentTo = (data: { to?: unknown }) => typeof data.to === 'string' && normalizedEmailAddress(data.to) === address;
  return PERSONAL_DATA.map((declaration) =>
    declaration.eventType === 'EmailMessageWasSent'
      ? { ...declaration, subjectOf: (event) => declaration.subjectOf(event) ?? (sentTo(event.data as { to?: unknown }) ? subject : undefined) }
      : declaration,
  );
}
