import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpErrorBody } from './http-error-body';

type ClientError = Error & { code?: string };

const ANSWER_OF_CLIENT_ERROR: Readonly<Record<string, Omit<HttpErrorBody, 'details'>>> = {
  ERR_HTTP_REQUEST_TIMEOUT: { statusCode: 408, code: 'REQUEST_TIMEOUT', message: 'The request was not received in time' },
  HPE_HEADER_OVERFLOW: { statusCode: 431, code: 'REQUEST_HEADER_FIELDS_TOO_LARGE', message: 'Request headers are too large' },
};
const MALFORMED_REQUEST = { statusCode: 400, code: 'MALFORMED_REQUEST', message: 'The request is not valid HTTP' };

/**
 * Requests Node's HTTP parser rejects (oversized headers, garbage, timeouts) never reach Nest, so
 * Fastify would answer them in its own shape; this answers them with our error body and a code.
 */
export function answerClientError(error: ClientError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body = JSON.stringify(ANSWER_OF_CLIENT_ERROR[error.code ?? ''] ?? MALFORMED_REQUEST);
  const { statusCode } = JSON.parse(body) as HttpErrorBody;
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
