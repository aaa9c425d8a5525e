import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { answerClientError } from './client-error.handler';

function fakeSocket() {
  const written: string[] = [];
  const socket = { destroyed: false, writable: true, write: (text: string) => written.push(text), destroy: () => undefined };
  return { socket: socket as unknown as Socket, written };
}

const failure = (code: string) => Object.assign(new Error(code), { code });

describe('answers to requests the HTTP parser rejects', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'REQUEST_HEADER_FIELDS_TOO_LARGE'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'REQUEST_TIMEOUT'],
    ['HPE_INVALID_METHOD', 400, 'MALFORMED_REQUEST'],
  ])('given %s, then answers %i with the common error shape and code %s', (errorCode, status, code) => {
    const { socket, written } = fakeSocket();
    answerClientError(failure(errorCode), socket);
    const [head, body] = written[0]!.split('\r\n\r\n');
    expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(JSON.parse(body!)).toMatchObject({ statusCode: status, code });
  });

  it('given a reset connection, then writes nothing', () => {
    const { socket, written } = fakeSocket();
    answerClientError(failure('ECONNRESET'), socket);
    expect(written).toEqual([]);
  });
});
