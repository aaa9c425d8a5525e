import { connect } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { countStoredEvents } from './support/users';
import { testAppPerFile } from './support/test-app';

/**
 * Bodies refused before they are read (over BODY_LIMIT_BYTES, or not JSON) must still reach their
 * sender as a 4xx with a code. Fastify would close the connection as it answers, and a client still
 * sending meets a reset instead (from another process, a few per cent of such fetches failed with
 * EPIPE; the reliability suite's Limits scenario sends them so), and the connection is lost.
 * Inputs tried: a 1 MB JSON body, a 1 MB text/plain body, a 1 MB body followed by a second request
 * on the same connection, and a 100 MB body sent without end.
 */
const BODY_LIMIT_BYTES = 4096;
const ONE_MEGABYTE_BODY = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
const TRIES = 200;

describe('bodies refused before they are read', () => {
  const app = testAppPerFile({ BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES) });
  let host: { hostname: string; port: number };

  beforeAll(async () => {
    const url = new URL(app.url);
    host = { hostname: url.hostname, port: Number(url.port) };
  });

  it.each([
    ['application/json', 413, 'PAYLOAD_TOO_LARGE'],
    ['text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])(`given ${TRIES} requests with a 1 MB %s body, then every one is answered %i with its code and nothing is appended`, async (contentType, status, code) => {
    const eventsBefore = await countStoredEvents(app);
    const outcomes = new Map<string, number>();
    for (let attempt = 0; attempt < TRIES; attempt++) {
      const outcome = await fetch(`${app.url}/api/user-registration`, { method: 'POST', headers: { 'content-type': contentType }, body: ONE_MEGABYTE_BODY })
        .then(async (response) => `${response.status} ${((await response.json()) as { code?: string }).code}`)
        .catch((error: Error) => `no answer: ${(error.cause as Error | undefined)?.message ?? error.message}`);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(Object.fromEntries(outcomes)).toEqual({ [`${status} ${code}`]: TRIES });
    expect(await countStoredEvents(app)).toBe(eventsBefore);
  });

  it('given a refused body sent in full, then the same connection answers the next request', async () => {
    const body = 'x'.repeat(64 * 1024);
    const answers = await exchange(
      host,
      `POST /api/user-registration HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}` +
        'GET /api/health/live HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n',
    );
    expect(statusLines(answers)).toEqual(['HTTP/1.1 413 Payload Too Large', 'HTTP/1.1 200 OK']);
  });

  it('given a client that goes on sending a refused 100 MB body, then it gets its 413 and is cut off after the drain time', async () => {
    const socket = connect(host.port, host.hostname);
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.write('POST /api/user-registration HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n');
    const startedAt = Date.now();
    const trickle = setInterval(() => socket.destroyed || socket.write('x'.repeat(1000)), 20);
    await new Promise((resolve) => socket.once('close', resolve));
    clearInterval(trickle);
    expect(statusLines(received)).toEqual(['HTTP/1.1 413 Payload Too Large']);
    // UNREAD_BODY_DRAIN_MS is 5 s; the upload alone would take 40 min.
    expect(Date.now() - startedAt).toBeLessThan(15_000);
  }, 30_000);
});

function exchange(host: { hostname: string; port: number }, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(host.port, host.hostname, () => socket.end(request));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
}

/** Status lines anywhere in the stream: a pipelined answer follows the previous body without a line break. */
function statusLines(answers: string): string[] {
  return answers.match(/HTTP\/1\.1 \d{3}[^\r]*/g) ?? [];
}
