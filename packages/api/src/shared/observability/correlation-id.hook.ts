import type { FastifyInstance } from 'fastify';
import { CORRELATION_ID_HEADER, correlationIdFrom } from './correlation-id';
import { runWithCorrelationId } from './correlation-id.context';

declare module 'fastify' {
  interface FastifyRequest {
    correlationId: string;
  }
}

/** Gives every request a correlation id, echoes it to the caller and makes it `currentCorrelationId()`. */
export function registerCorrelationId(fastify: FastifyInstance): void {
  fastify.decorateRequest('correlationId', '');
  fastify.addHook('onRequest', (request, reply, done) => {
    request.correlationId = correlationIdFrom(request.headers[CORRELATION_ID_HEADER]);
    void reply.header(CORRELATION_ID_HEADER, request.correlationId);
    runWithCorrelationId(request.correlationId, done);
  });
}
