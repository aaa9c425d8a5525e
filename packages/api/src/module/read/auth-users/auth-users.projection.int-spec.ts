import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import { AuthUsersReadModule } from './auth-users.read-module';

const started = (userId: string, emailAddress: string) => ({
  type: 'UserRegistrationWasStarted',
  data: { userId, fullName: 'Jan', emailAddress, hashedPassword: `hash-of-${userId}` },
});
const approved = (userId: string, confirmationFor = 'user-registration') => ({
  type: 'EmailConfirmationWasApproved',
  data: { userId, confirmationToken: `${userId}.t`, confirmationFor, emailAddress: 'x@example.com' },
});
const rows = (spec: ProjectionSpecification) =>
  spec.thenRows('SELECT user_id, email_address, hashed_password, role, email_confirmed FROM auth_users ORDER BY user_id');

describe('auth users projection', () => {
  let db: ReadModelTestDatabase;
  let spec: ProjectionSpecification;
  beforeAll(async () => {
    db = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({ imports: [db.platformModule(), AuthUsersReadModule], sqlClient: db.sqlClient });
  });
  afterAll(async () => {
    await spec.close();
    await db.drop();
  });

  it('given registrations, confirmations for several purposes and an admin grant, then login reads hash, confirmation and role; redelivery and rebuild change nothing', async () => {
    await spec.givenEvents('UserRegistration_u1', [started('u1', 'jan@example.com')]);
    await spec.givenEvents('UserRegistration_u2', [started('u2', 'ada@example.com')]);
    await spec.givenEvents('EmailConfirmation_u2_email-change', [approved('u2', 'email-change')]);
    await spec.givenEvents('EmailConfirmation_u1_user-registration', [approved('u1')]);
    await spec.givenEvents('UserRoles_u1', [{ type: 'UserWasGrantedAdminRole', data: { userId: 'u1' } }]);

    const expected = [
      { user_id: 'u1', email_address: 'jan@example.com', hashed_password: 'hash-of-u1', role: 'admin', email_confirmed: true },
      { user_id: 'u2', email_address: 'ada@example.com', hashed_password: 'hash-of-u2', role: 'user', email_confirmed: false },
    ];
    expect(await rows(spec)).toEqual(expected);

    await spec.redeliverLastGiven();
    expect(await rows(spec)).toEqual(expected);
    await spec.rebuild();
    expect(await rows(spec)).toEqual(expected);
  });

  it('given a password change, then login reads the new hash', async () => {
    await spec.givenEvents('UserRegistration_u3', [started('u3', 'ola@example.com')]);
    await spec.givenEvents('PasswordChange_u3', [{ type: 'PasswordWasChanged', data: { userId: 'u3', hashedPassword: 'new-hash-of-u3', keptSessionId: 's1' } }]);

    expect(await spec.thenRows(`SELECT hashed_password FROM auth_users WHERE user_id = 'u3'`)).toEqual([{ hashed_password: 'new-hash-of-u3' }]);
  });

  it('given a password reset, then login reads the new hash; redelivery and rebuild change nothing', async () => {
    await spec.givenEvents('UserRegistration_u3', [started('u3', 'grace@example.com')]);
    await spec.givenEvents('PasswordReset_u3', [{ type: 'PasswordWasReset', data: { userId: 'u3', hashedPassword: 'new-hash-of-u3' } }]);
    const hashOfU3 = async () => (await rows(spec)).find((row) => row.user_id === 'u3')?.hashed_password;

    expect(await hashOfU3()).toBe('new-hash-of-u3');
    await spec.redeliverLastGiven();
    expect(await hashOfU3()).toBe('new-hash-of-u3');
    await spec.rebuild();
    expect(await hashOfU3()).toBe('new-hash-of-u3');
  });

  it('given users who were erased, as a rebuild reads them ([erased] addresses), then no account is left and none clashes; another user keeps theirs', async () => {
    const erased = (userId: string) => ({ type: 'UserWasErased', data: { userId, emailAddress: '[erased]', erasedBy: 'user' } });
    const accounts = () => spec.thenRows("SELECT user_id FROM auth_users WHERE user_id IN ('e1', 'e2', 'e3') ORDER BY user_id");
    await spec.givenEvents('UserRegistration_e1', [started('e1', '[erased]')]);
    await spec.givenEvents('UserRegistration_e2', [started('e2', '[erased]')]);
    await spec.givenEvents('EmailConfirmation_e2_user-registration', [approved('e2')]);
    await spec.givenEvents('UserRegistration_e3', [started('e3', 'e3@example.com')]);
    await spec.givenEvents('UserRegistration_e1', [erased('e1')]);
    await spec.givenEvents('UserRegistration_e2', [erased('e2')]);

    expect(await accounts()).toEqual([{ user_id: 'e3' }]);
    await spec.rebuild();
    expect(await accounts()).toEqual([{ user_id: 'e3' }]);

    await spec.givenEvents('UserRegistration_e3', [erased('e3')]);
    expect(await accounts()).toEqual([]);
  });
});
