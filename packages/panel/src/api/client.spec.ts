import { describe, expect, it } from 'vitest';
import { call, failureOf, UNREACHABLE } from './client';

const answer = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers });

describe('a failed request, as the app shows it', () => {
  it("given the API's error body, then its code, message, details and the request's correlation id are kept", () => {
    const failure = failureOf(answer(400, { 'x-correlation-id': 'c0ffee' }), {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Request validation failed',
      details: ['email must be an email'],
    });

    expect(failure).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'Request validation failed',
      details: ['email must be an email'],
      correlationId: 'c0ffee',
      retryAfterSeconds: undefined,
    });
  });

  it('given a 429 with Retry-After, then the wait is kept in seconds', () => {
    expect(failureOf(answer(429, { 'retry-after': '42' }), { code: 'TOO_MANY_RESEND_REQUESTS', message: 'Too many' }).retryAfterSeconds).toBe(42);
    expect(failureOf(answer(429, { 'retry-after': 'soon' }), undefined).retryAfterSeconds).toBeUndefined();
  });

  it('given a body that is not the API\'s (a proxy\'s error page), then the status speaks for it', () => {
    expect(failureOf(answer(502), '<html>Bad Gateway</html>')).toMatchObject({ status: 502, code: 'HTTP_502', message: 'The server answered 502', details: [], correlationId: undefined });
  });

  it('given no answer at all, then the failure says the server cannot be reached, with status 0', async () => {
    const result = await call(() => Promise.reject(new TypeError('Failed to fetch')));

    expect(result).toMatchObject({ ok: false, failure: { status: 0, code: UNREACHABLE, message: expect.stringMatching(/cannot be reached/) } });
  });

  it('given a successful answer, then its data', async () => {
    expect(await call(async () => ({ data: { userId: 'u1' }, response: answer(201) }))).toEqual({ ok: true, data: { userId: 'u1' } });
  });
});
