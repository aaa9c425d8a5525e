import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { subscriptionsIdle } from './support/subscriptions-idle';
import { testAppPerFile } from './support/test-app';
import { adminAccessToken, countStoredEvents, eventually, registerConfirmedUser, storedEvents, TEST_ADMIN_ENV } from './support/users';

describe('POST /api/users/{userId}/role-grants: an administrator makes another user one', () => {
  const app = testAppPerFile(TEST_ADMIN_ENV);
  let adminToken: string;

  beforeAll(async () => {
    adminToken = await adminAccessToken(app);
  });

  const grant = (userId: string, token: string, body: unknown = { role: 'admin' }) => app.http(`/api/users/${userId}/role-grants`, { method: 'POST', token, body });
  const roleOf = async (token: string) => ((await (await app.http('/api/users/me', { token })).json()) as { role: string }).role;
  const grantsTo = async (userId: string) => (await storedEvents<{ userId: string }>(app, 'UserWasGrantedAdminRole')).filter((event) => event.data.userId === userId);

  it('given a participant, when an admin grants them the role, then they are an admin, recorded once however often it is granted', async () => {
    const participant = await registerConfirmedUser(app);

    expect((await grant(participant.userId, adminToken)).status).toBe(204);
    expect((await grant(participant.userId, adminToken)).status).toBe(204);

    await eventually(async () => ((await roleOf(participant.accessToken)) === 'admin' ? true : undefined), 'the granted role');
    const listed = await app.http(`/api/users?q=${encodeURIComponent(participant.email)}`, { token: participant.accessToken });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: { role: string }[] }).items).toEqual([expect.objectContaining({ email: participant.email, role: 'admin' })]);
    expect(await grantsTo(participant.userId)).toHaveLength(1);
  });

  it('given a participant, when they grant the role to themselves, then 403 FORBIDDEN and they stay a participant', async () => {
    const participant = await registerConfirmedUser(app);

    const response = await grant(participant.userId, participant.accessToken);

    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect(await grantsTo(participant.userId)).toEqual([]);
  });

  it('given an id no account has, then 404 USER_NOT_FOUND and nothing is recorded', async () => {
    await subscriptionsIdle(app);
    const before = await countStoredEvents(app);

    const response = await grant(randomUUID(), adminToken);

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, code: 'USER_NOT_FOUND' });
    await subscriptionsIdle(app);
    expect(await countStoredEvents(app)).toBe(before);
  });

  it.each([
    ['an id that is no UUID', 'not-a-user-id', { role: 'admin' }],
    ['a role that cannot be granted', 'participant', { role: 'owner' }],
    ['no role', 'participant', {}],
  ])('given %s, then 400 VALIDATION_FAILED and nothing is recorded', async (_case, who, body) => {
    const userId = who === 'participant' ? (await registerConfirmedUser(app)).userId : who;
    await subscriptionsIdle(app);
    const before = await countStoredEvents(app);

    const response = await grant(userId, adminToken, body);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    await subscriptionsIdle(app);
    expect(await countStoredEvents(app)).toBe(before);
  });

  it('given no access token, then 401', async () => {
    expect((await app.http(`/api/users/${randomUUID()}/role-grants`, { method: 'POST', body: { role: 'admin' } })).status).toBe(401);
  });
});
