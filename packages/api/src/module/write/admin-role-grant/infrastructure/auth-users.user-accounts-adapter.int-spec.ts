import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../../test/support/read-model-test-database';
import { authUsers } from '../../../read/shared/auth-users.table';
import { AuthUsersUserAccountsAdapter } from './auth-users.user-accounts-adapter';

describe('user accounts from the accounts read model', () => {
  let database: ReadModelTestDatabase;
  let adapter: AuthUsersUserAccountsAdapter;
  beforeAll(async () => {
    database = await createReadModelTestDatabase();
    adapter = new AuthUsersUserAccountsAdapter(database.db);
    await database.db.insert(authUsers).values([
      { userId: 'confirmed', emailAddress: 'ada@example.com', hashedPassword: 'h1', emailConfirmed: true },
      { userId: 'unconfirmed', emailAddress: 'jan@example.com', hashedPassword: 'h2' },
    ]);
  });
  afterAll(() => database.drop());

  it('given an account whose address was confirmed, then it can sign in', async () => {
    expect(await adapter.canSignIn('confirmed')).toBe(true);
  });

  it('given a registration still waiting for its confirmation, then it cannot', async () => {
    expect(await adapter.canSignIn('unconfirmed')).toBe(false);
  });

  it('given no account with the id, then it cannot', async () => {
    expect(await adapter.canSignIn('nobody')).toBe(false);
  });
});
