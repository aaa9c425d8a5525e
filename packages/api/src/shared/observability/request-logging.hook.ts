import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/** One line per answered request, after the response is sent. */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    logger.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? request.url,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
        correlationId: request.correlationId,
      },
      'request completed',
    );
    done();
  });
}
