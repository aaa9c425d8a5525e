import type { FastifyInstance } from 'fastify';
import type { AppMetrics } from './app-metrics';

/** Labels by route template (`/api/users/:id`), never the raw URL, so the series stay few. */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: AppMetrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
