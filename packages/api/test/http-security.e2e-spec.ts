import { beforeAll, describe, expect, it } from 'vitest';
import { EventFeedClient, feedUrl, refusalOf } from './support/event-feed-client';
import { startTestApp, testAppPerFile } from './support/test-app';
import { adminAccessToken, postLogin, registerConfirmedUser, TEST_ADMIN_ENV, type TestUser } from './support/users';

const WEB_APP_ORIGIN = 'https://web.coderscamp.example';
const FOREIGN_ORIGIN = 'https://evil.example';

describe('HTTP hardening', () => {
  const app = testAppPerFile({ CORS_ORIGINS: WEB_APP_ORIGIN, ...TEST_ADMIN_ENV });
  let participant: TestUser;
  let appOrigin: string;

  beforeAll(async () => {
    participant = await registerConfirmedUser(app, { fullName: 'Ada Lovelace' });
    // Without APP_URL the web app is http://localhost:<the port the app got>.
    appOrigin = `http://localhost:${new URL(app.url).port}`;
  });

  describe('WebSocket /api/events Origin check', () => {
    const withCookie = (origin?: string) => ({
      cookie: `access_token=${participant.accessToken}`,
      ...(origin === undefined ? {} : { origin }),
    });

    it.each([
      ['a foreign origin', FOREIGN_ORIGIN],
      ['the opaque origin null', 'null'],
      ['a look-alike host that starts with the app\'s origin', 'http://localhost.evil.example'],
      ['the allowed origin with a path', `${WEB_APP_ORIGIN}/page`],
    ])('given %s and a participant\'s cookie, then refuses the handshake with 403 ORIGIN_NOT_ALLOWED', async (_case, origin) => {
      expect(await refusalOf(EventFeedClient.connect(feedUrl(app.url), withCookie(origin)))).toEqual({
        status: 403,
        body: expect.objectContaining({ statusCode: 403, code: 'ORIGIN_NOT_ALLOWED' }),
      });
    });

    it.each([
      ['the app\'s own origin', () => appOrigin],
      ['an origin from CORS_ORIGINS', () => WEB_APP_ORIGIN],
      ['no Origin header (not a browser)', () => undefined],
    ])('given %s and a participant\'s cookie, then the feed opens', async (_case, origin) => {
      const client = await EventFeedClient.connect(feedUrl(app.url), withCookie(origin()));

      await client.close();
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      fetch(`${app.url}/api/auth/login`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });

    it.each([
      ['an origin from CORS_ORIGINS', () => WEB_APP_ORIGIN],
      ['the app\'s own origin', () => appOrigin],
    ])('given a preflight from %s, then 204 allowing that origin with credentials', async (_case, origin) => {
      const response = await preflight(origin());

      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin());
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
      expect(response.headers.get('vary')).toMatch(/origin/i);
    });

    it.each([
      ['a foreign origin', FOREIGN_ORIGIN],
      ['the opaque origin null', 'null'],
      ['an allowed origin with another scheme', WEB_APP_ORIGIN.replace('https:', 'http:')],
    ])('given a preflight from %s, then no Access-Control-Allow-Origin', async (_case, origin) => {
      const response = await preflight(origin);

      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('given a request from an allowed origin, then the answer allows it and exposes the correlation id', async () => {
      const response = await app.http('/api/health/live', { headers: { origin: WEB_APP_ORIGIN } });

      expect(response.headers.get('access-control-allow-origin')).toBe(WEB_APP_ORIGIN);
      expect(response.headers.get('access-control-expose-headers')).toMatch(/X-Correlation-Id/i);
    });

    it('given a request from a foreign origin, then the answer does not allow it', async () => {
      const response = await app.http('/api/users/me', { headers: { origin: FOREIGN_ORIGIN }, token: participant.accessToken });

      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('security headers', () => {
    it.each([
      ['a JSON answer', '/api/health/live'],
      ['a 404', '/api/no-such-route'],
      ['Swagger UI', '/api/docs'],
      ['the AsyncAPI page', '/api/asyncapi'],
    ])('given %s, then nosniff, a CSP that forbids framing and inline scripts, no-referrer, and no HSTS over http', async (_case, path) => {
      const response = await fetch(`${app.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';

      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("object-src 'none'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security')).toBeNull();
    });

    it('given a bad request answered by the error filter, then it carries the headers too', async () => {
      const response = await app.http('/api/auth/login', { method: 'POST', body: '{not json' });

      expect(response.status).toBe(400);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    });
  });

  describe('Cache-Control: no-store', () => {
    it('given a successful login, then its answer (token and cookie) is not stored', async () => {
      const response = await postLogin(app, participant);

      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('given a failed login, then its answer is not stored either', async () => {
      const response = await postLogin(app, { email: participant.email, password: 'wrong password entirely' });

      expect(response.status).toBe(401);
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it.each([
      ['GET /api/users/me with a bearer token', '/api/users/me', 'bearer'],
      ['GET /api/users/me with the cookie', '/api/users/me', 'cookie'],
      ['GET /api/course-progress', '/api/course-progress', 'bearer'],
      ['GET /api/learning-materials', '/api/learning-materials', 'bearer'],
    ])('given %s, then its personal answer is not stored', async (_case, path, carrier) => {
      const response =
        carrier === 'bearer'
          ? await app.http(path, { token: participant.accessToken })
          : await app.http(path, { headers: { cookie: `access_token=${participant.accessToken}` } });

      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('given GET /api/users as an admin, then the list of users is not stored', async () => {
      const response = await app.http('/api/users', { token: await adminAccessToken(app) });

      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('given a public answer without credentials, then caching is left alone', async () => {
      const response = await app.http('/api/health/live');

      expect(response.headers.get('cache-control')).not.toBe('no-store');
    });
  });

  it('given APP_URL over https, then HSTS is sent', async () => {
    const https = await startTestApp({ APP_URL: 'https://coderscamp.example' });
    try {
      const response = await https.http('/api/health/live');

      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+; includeSubDomains$/);
    } finally {
      await https.close();
    }
  });

});
