import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendEventsBeforeEncryption, type PersonBeforeEncryption } from './support/events-before-encryption';
import { rebuildEveryReadModel, scanDatabase } from './support/personal-data-scan';
import { subscriptionsIdle } from './support/subscriptions-idle';
import { testAppPerFile } from './support/test-app';
import { adminAccessToken, eventually, TEST_ADMIN_ENV } from './support/users';

const RESERVATION_STREAMS_MIGRATION = join(__dirname, '..', 'drizzle', '0008_name_reservation_streams_by_address_digest.sql');

/**
 * A user whose events were stored before personal data was encrypted: plaintext fields, a mail
 * that does not name its user, a reservation stream named by the address. Their erasure must
 * reach all of it: the stream name through the migration, the fields through the plaintext rewrite.
 */
describe('erasing a user whose events predate encryption', () => {
  const app = testAppPerFile(TEST_ADMIN_ENV);
  let person: PersonBeforeEncryption;
  const needles = () => [person.email, person.fullName, person.changedName, person.image];

  beforeAll(async () => {
    const unique = randomUUID().slice(0, 8);
    person = await appendEventsBeforeEncryption(app, {
      email: `Henryk.Legacy.${unique}@Example.com`,
      fullName: `Henryk Legacy${unique}`,
      changedName: `Henryk Plaintext${unique}`,
      image: `https://images.example.com/henryk-${unique}.png`,
    });
    await eventually(async () => {
      const { rows } = await app.database.pool.query('SELECT 1 FROM user_profiles WHERE user_id = $1 AND registered_at IS NOT NULL', [person.userId]);
      return rows.length > 0 ? true : undefined;
    }, 'the profile of the user from before encryption');
  }, 60_000);

  it('given the migration, then the reservation stream is named by the digest of the address, not the address', async () => {
    const address = person.email.toLowerCase();
    expect((await app.database.pool.query('SELECT 1 FROM es_events WHERE stream_name = $1', [`EmailAddressReservation_${address}`])).rowCount).toBe(1);

    await app.database.pool.query(readFileSync(RESERVATION_STREAMS_MIGRATION, 'utf8'));

    const digest = createHash('sha256').update(address).digest('hex');
    expect((await app.database.pool.query('SELECT 1 FROM es_events WHERE stream_name = $1', [`EmailAddressReservation_${address}`])).rowCount).toBe(0);
    expect((await app.database.pool.query('SELECT type FROM es_events WHERE stream_name = $1', [`EmailAddressReservation_${digest}`])).rows).toEqual([{ type: 'EmailAddressWasReserved' }]);
  });

  it('given their plaintext events, when an administrator erases them, then their address and names are nowhere in the database, also after rebuilding every read model, and the rewrite is recorded', async () => {
    await subscriptionsIdle(app);
    const before = await scanDatabase(app.database.pool, needles());
    expect(before.filter((hit) => hit.table === 'es_events'), 'plaintext in the log before the erasure').not.toEqual([]);

    const erasure = await app.http(`/api/admin/users/${person.userId}`, { method: 'DELETE', token: await adminAccessToken(app) });

    expect(erasure.status).toBe(204);
    await subscriptionsIdle(app);
    expect(await scanDatabase(app.database.pool, needles())).toEqual([]);
    const { rows: mail } = await app.database.pool.query<{ data: Record<string, unknown> }>('SELECT data FROM es_events WHERE stream_name = $1', [`EmailMessage_${person.emailMessageId}`]);
    expect(mail[0]!.data).toEqual({
      emailMessageId: person.emailMessageId,
      to: '[erased]',
      subject: 'Welcome to CodersCamp',
      text: '[erased]',
      html: '[erased]',
      from: 'CodersCamp <no-reply@coderscamp.local>',
    });
    const { rows: recorded } = await app.database.pool.query('SELECT type, data FROM es_events WHERE stream_name = $1', [`PersonalDataErasure_${person.userId}`]);
    expect(recorded).toEqual([{ type: 'PlaintextPersonalDataWasErased', data: { userId: person.userId } }]);

    await rebuildEveryReadModel(app);
    expect(await scanDatabase(app.database.pool, needles())).toEqual([]);
  }, 120_000);
});
