import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/create-app';
import { USER_SESSIONS_SUBSCRIPTION_ID } from '../src/module/read/shared/read-model-subscription-ids';
import { EventFeedClient, feedUrl, refusalOf } from './support/event-feed-client';
import { startAnotherInstance, startTestApp, type TestApp } from './support/test-app';
import { registerConfirmedUser } from './support/users';

describe('sessions with two instances on one database', () => {
  let instanceA: TestApp;
  let instanceB: RunningApp;

  beforeAll(async () => {
    // A starts first and so runs the sessions projection; B only waits for it to catch up.
    instanceA = await startTestApp({ DATABASE_POOL_MAX: '4' });
    instanceB = await startAnotherInstance(instanceA);
  });

  afterAll(async () => {
    await instanceB?.app.close();
    await instanceA?.close();
  });

  const sessionsProjectionRunsOn = async (instance: RunningApp) =>
    (await instance.app.get(EventsSubscriptionsFactory).find(USER_SESSIONS_SUBSCRIPTION_ID)?.status())?.active;
  const onB = (path: string, init: { method?: string; token: string }) =>
    fetch(`${instanceB.url}${path}`, { method: init.method ?? 'GET', headers: { authorization: `Bearer ${init.token}` } });
  const loginOnB = async (email: string, password: string) => {
    const response = await fetch(`${instanceB.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };

  it('given a login on B, which does not run the sessions projection, then the token works on A at once; logged out on B, it is refused on A on the very next request', async () => {
    expect(await sessionsProjectionRunsOn(instanceB)).toBe(false);
    const user = await registerConfirmedUser(instanceA);
    const token = await loginOnB(user.email, user.password);
    expect((await instanceA.http('/api/users/me', { token })).status).toBe(200);

    expect((await onB('/api/auth/logout', { method: 'POST', token })).status).toBe(204);

    const refused = await instanceA.http('/api/users/me', { token });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'SESSION_ENDED' });
  });

  it('given a session ended on A, then B refuses it on the very next request, with the token check and on the WebSocket alike', async () => {
    const user = await registerConfirmedUser(instanceA);
    expect((await onB('/api/users/me', { token: user.accessToken })).status).toBe(200);

    expect((await instanceA.http('/api/auth/logout', { method: 'POST', token: user.accessToken })).status).toBe(204);

    const refused = await onB('/api/users/me', { token: user.accessToken });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'SESSION_ENDED' });
    expect(await refusalOf(EventFeedClient.connect(feedUrl(instanceB.url, { access_token: user.accessToken })))).toMatchObject({
      status: 401,
      body: { code: 'SESSION_ENDED' },
    });
  });

  it('given a password changed on B, then A refuses the user’s other sessions on the very next request and keeps the one used', async () => {
    const user = await registerConfirmedUser(instanceA);
    const other = await loginOnB(user.email, user.password);

    const changed = await fetch(`${instanceB.url}/api/users/me/password`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${other}`, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: user.password, newPassword: 'a brand new passphrase' }),
    });
    expect(changed.status).toBe(204);

    expect((await instanceA.http('/api/users/me', { token: user.accessToken })).status).toBe(401);
    expect((await instanceA.http('/api/users/me', { token: other })).status).toBe(200);
    expect((await instanceA.http('/api/auth/login', { method: 'POST', body: { email: user.email, password: 'a brand new passphrase' } })).status).toBe(200);
  });
});
