import type { FastifyInstance } from 'fastify';

const IDLE_SWEEP_INTERVAL_MS = 50;

/**
 * Stops accepting connections and waits for the requests in flight to finish. Keep-alive
 * connections are closed as soon as they fall idle (not only those idle at the start, or a
 * client's pooled connection would hold the process for the whole keep-alive timeout); whatever
 * is still running after `timeoutMs` is cut off.
 */
export async function drainHttpServer(fastify: FastifyInstance, timeoutMs: number): Promise<'drained' | 'timed-out'> {
  const server = fastify.server;
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_INTERVAL_MS);
  let deadline: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      fastify.close().then(() => 'drained' as const),
      new Promise<'timed-out'>((resolve) => {
        deadline = setTimeout(() => {
          server.closeAllConnections();
          resolve('timed-out');
        }, timeoutMs);
      }),
    ]);
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}
