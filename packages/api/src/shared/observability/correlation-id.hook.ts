import type { FastifyInstance } from 'fastify';
import { CORRELATION_ID_HEADER, correlationIdFrom } from './correlation-id';

declare module 'fastify' {
  interface FastifyRequest {
    correlationId: string;
  }
}

/**
 * Gives every request a correlation id (`request.correlationId`, see `@RequestCorrelationId()`)
 * and echoes it to the caller. It travels explicitly, in commands' metadata and on log lines,
 * rather than through an AsyncLocalStorage: on Node 20 one turns on a hook for every promise
 * the process creates (ADR 0010).
 */
export function registerCorrelationId(fastify: FastifyInstance): void {
  fastify.decorateRequest('correlationId', '');
  fastify.addHook('onRequest', (request, reply, done) => {
    request.correlationId = correlationIdFrom(request.headers[CORRELATION_ID_HEADER]);
    void reply.header(CORRELATION_ID_HEADER, request.correlationId);
    done();
  });
}
