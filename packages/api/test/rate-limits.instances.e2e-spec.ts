import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/create-app';
import { startAnotherInstance, startTestApp, type TestApp } from './support/test-app';
import { countStoredEvents, uniqueEmail } from './support/users';

const REGISTRATIONS_PER_HOUR = 3;

/**
 * Two instances behind one load balancer share one database: every limit counts requests to
 * both. A is the test app (its answers are checked against the OpenAPI document), B a second
 * instance on A's database.
 */
describe('rate limits with two instances on one database (fault 6)', () => {
  let instanceA: TestApp;
  let instanceB: RunningApp;

  beforeAll(async () => {
    instanceA = await startTestApp({ REGISTRATIONS_PER_HOUR: String(REGISTRATIONS_PER_HOUR) });
    instanceB = await startAnotherInstance(instanceA, { REGISTRATIONS_PER_HOUR: String(REGISTRATIONS_PER_HOUR) });
  });

  afterAll(async () => {
    await instanceB?.app.close();
    await instanceA?.close();
  });

  const onA = (path: string, body: unknown) => instanceA.http(path, { method: 'POST', body });
  const onB = (path: string, body: unknown) =>
    fetch(`${instanceB.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const limitHeaders = (response: Response) => ({
    limit: response.headers.get('ratelimit-limit'),
    remaining: response.headers.get('ratelimit-remaining'),
    reset: Number(response.headers.get('ratelimit-reset')),
  });

  async function expectRefused(response: Response, code: string, limit: number): Promise<void> {
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ statusCode: 429, code });
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limitHeaders(response)).toMatchObject({ limit: String(limit), remaining: '0' });
    expect(limitHeaders(response).reset).toBeGreaterThan(0);
  }

  it('given five failed logins spread over both instances, then the sixth is refused on either with 429 and the rate-limit headers', async () => {
    const credentials = { email: uniqueEmail('guessed'), password: 'not the password at all' };
    const login = [onA, onB, onA, onB, onA].map((instance) => () => instance('/api/auth/login', credentials));
    const failures: Response[] = [];
    for (const attempt of login) failures.push(await attempt());

    expect(failures.map((response) => response.status)).toEqual([401, 401, 401, 401, 401]);
    expect(failures.map((response) => limitHeaders(response).remaining)).toEqual(['4', '3', '2', '1', '0']);
    await expectRefused(await onA('/api/auth/login', credentials), 'TOO_MANY_LOGIN_ATTEMPTS', 5);
    await expectRefused(await onB('/api/auth/login', credentials), 'TOO_MANY_LOGIN_ATTEMPTS', 5);
    // Another address from the same client is counted apart.
    expect((await onB('/api/auth/login', { ...credentials, email: uniqueEmail('other') })).status).toBe(401);
  });

  it('given three resend requests spread over both instances, then the fourth is refused on either with 429 and the rate-limit headers', async () => {
    const body = { email: uniqueEmail('resend') };
    const accepted = [await onA('/api/email-confirmation/resend', body), await onB('/api/email-confirmation/resend', body), await onA('/api/email-confirmation/resend', body)];

    expect(accepted.map((response) => response.status)).toEqual([202, 202, 202]);
    expect(accepted.map((response) => limitHeaders(response))).toMatchObject([{ limit: '3', remaining: '2' }, { remaining: '1' }, { remaining: '0' }]);
    await expectRefused(await onB('/api/email-confirmation/resend', body), 'TOO_MANY_RESEND_REQUESTS', 3);
    await expectRefused(await onA('/api/email-confirmation/resend', body), 'TOO_MANY_RESEND_REQUESTS', 3);
  });

  it(`given ${REGISTRATIONS_PER_HOUR} registrations from one client spread over both instances, then the next is refused on either with 429 TOO_MANY_REGISTRATIONS, nothing appended`, async () => {
    const registration = () => ({ fullName: 'Spam Target', email: uniqueEmail('target'), password: 'correct horse battery staple' });
    const accepted = [await onA('/api/user-registration', registration()), await onB('/api/user-registration', registration()), await onB('/api/user-registration', registration())];
    expect(accepted.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(limitHeaders(accepted[2]!)).toMatchObject({ limit: String(REGISTRATIONS_PER_HOUR), remaining: '0' });

    const before = await countStoredEvents(instanceA, ['EmailAddressReservation', 'UserRegistration']);
    await expectRefused(await onA('/api/user-registration', registration()), 'TOO_MANY_REGISTRATIONS', REGISTRATIONS_PER_HOUR);
    await expectRefused(await onB('/api/user-registration', registration()), 'TOO_MANY_REGISTRATIONS', REGISTRATIONS_PER_HOUR);
    expect(await countStoredEvents(instanceA, ['EmailAddressReservation', 'UserRegistration'])).toBe(before);
  });
});
