import { randomUUID } from 'node:crypto';
import { ANY, StreamName, type DomainEvent } from '@coderscamp/event-sourcing';
import { pgSqlClient, PostgresEventStore } from '@coderscamp/event-sourcing/postgres';
import type { TestApp } from './test-app';

export type PersonBeforeEncryption = Readonly<{ userId: string; email: string; fullName: string; changedName: string; image: string; emailMessageId: string }>;

/**
 * Appends a user's events as the platform stored them before personal data was encrypted: through
 * the bare PostgresEventStore (no encryption, no schema versions but 1), the reservation stream named
 * by the address, the mail without its user (EmailMessageWasSent, schema version 1).
 */
export async function appendEventsBeforeEncryption(app: TestApp, person: Omit<PersonBeforeEncryption, 'userId' | 'emailMessageId'>): Promise<PersonBeforeEncryption> {
  const store = new PostgresEventStore(pgSqlClient(app.database.pool));
  const userId = randomUUID();
  const emailMessageId = randomUUID();
  const email = person.email.toLowerCase();
  const registration = { userId, fullName: person.fullName, emailAddress: email, hashedPassword: 'scrypt$16384$8$1$c2FsdA$aGFzaA' };
  const append = async (stream: string, event: DomainEvent) => {
    const correlationId = randomUUID();
    await store.appendToStream(StreamName.parse(stream), [{ ...event, id: randomUUID(), metadata: { correlationId, causationId: correlationId }, occurredAt: new Date() }], {
      expectedVersion: ANY,
    });
  };
  await append(`EmailAddressReservation_${email}`, { type: 'EmailAddressWasReserved', data: { emailAddress: email, userId } });
  await append(`UserRegistration_${userId}`, { type: 'UserRegistrationWasStarted', data: registration });
  await append(`EmailMessage_${emailMessageId}`, {
    type: 'EmailMessageWasSent',
    data: {
      emailMessageId,
      to: email,
      subject: 'Welcome to CodersCamp',
      text: `Hi ${person.fullName}, welcome aboard.`,
      html: `<p>Hi ${person.fullName}, welcome aboard.</p>`,
      from: 'CodersCamp <no-reply@coderscamp.local>',
    },
  });
  await append(`UserRegistration_${userId}`, { type: 'UserRegistrationWasCompleted', data: registration });
  await append(`UserRegistration_${userId}`, { type: 'UserProfileWasChanged', data: { userId, fullName: person.changedName, image: person.image } });
  const sessionId = randomUUID();
  await append(`UserSession_${sessionId}`, { type: 'SessionWasStarted', data: { sessionId, userId, userAgent: `${person.fullName}'s laptop` } });
  return { ...person, userId, emailMessageId };
}
