import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../../test/support/read-model-test-database';
import { authUsers } from '../../../read/shared/auth-users.table';
import { AuthUsersUnconfirmedRegistrationsAdapter } from './auth-users.unconfirmed-registrations-adapter';

describe('unconfirmed registrations from the accounts read model', () => {
  let database: ReadModelTestDatabase;
  let adapter: AuthUsersUnconfirmedRegistrationsAdapter;
  beforeAll(async () => {
    database = await createReadModelTestDatabase();
    adapter = new AuthUsersUnconfirmedRegistrationsAdapter(database.db);
    await database.db.insert(authUsers).values([
      { userId: 'u1', emailAddress: 'jan@example.com', hashedPassword: 'h1' },
      { userId: 'u2', emailAddress: 'ada@example.com', hashedPassword: 'h2', emailConfirmed: true },
    ]);
  });
  afterAll(() => database.drop());

  it('given an unconfirmed registration, when asked by its address in any case, then it is found', async () => {
    expect(await adapter.unconfirmedRegistrationWith('Jan@Example.com')).toEqual({ userId: 'u1', emailAddress: 'jan@example.com' });
  });

  it('given a confirmed registration, when asked by its address, then there is none to confirm', async () => {
    expect(await adapter.unconfirmedRegistrationWith('ada@example.com')).toBeUndefined();
  });

  it('given no registration with the address, then there is none', async () => {
    expect(await adapter.unconfirmedRegistrationWith('nobody@example.com')).toBeUndefined();
  });
});
