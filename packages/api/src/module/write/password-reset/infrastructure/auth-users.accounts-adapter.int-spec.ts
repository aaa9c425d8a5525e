import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../../test/support/read-model-test-database';
import { authUsers } from '../../../read/shared/auth-users.table';
import { AuthUsersAccountsAdapter } from './auth-users.accounts-adapter';

describe('accounts from the accounts read model', () => {
  let database: ReadModelTestDatabase;
  let adapter: AuthUsersAccountsAdapter;
  beforeAll(async () => {
    database = await createReadModelTestDatabase();
    adapter = new AuthUsersAccountsAdapter(database.db);
    await database.db.insert(authUsers).values({ userId: 'u1', emailAddress: 'jan@example.com', hashedPassword: 'h1', emailConfirmed: true });
  });
  afterAll(() => database.drop());

  it('given an account, when asked by its address in any case, then it is found', async () => {
    expect(await adapter.accountWith('JAN@example.com')).toEqual({ userId: 'u1', emailAddress: 'jan@example.com' });
  });

  it('given no account with the address, then there is none', async () => {
    expect(await adapter.accountWith('nobody@example.com')).toBeUndefined();
  });
});
