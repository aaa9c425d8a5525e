import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** How long a client may go on sending a body that was refused before its connection is cut. */
export const UNREAD_BODY_DRAIN_MS = 5_000;

/**
 * Fastify refuses some bodies before reading them (over the size limit, an unsupported media type)
 * and closes the connection as it answers. A client still sending its body then meets a reset
 * instead of the answer (`fetch` fails with EPIPE), and never sees the 413 or 415 and its code.
 * Here the unread rest of the body is read and dropped instead, so the client gets to the answer
 * and may keep its connection; a client that goes on sending for longer than
 * UNREAD_BODY_DRAIN_MS is cut off, so a refused upload cannot hold a connection forever.
 */
export function registerUnreadBodyDrain(fastify: FastifyInstance, drainMs = UNREAD_BODY_DRAIN_MS): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!request.raw.complete && reply.getHeader('connection') === 'close') {
      reply.removeHeader('connection');
      drainWithin(request.raw, drainMs);
    }
    return payload;
  });
}

function drainWithin(incoming: IncomingMessage, drainMs: number): void {
  const cutOff = setTimeout(() => incoming.socket.destroy(), drainMs).unref();
  incoming.once('end', () => clearTimeout(cutOff));
  incoming.once('close', () => clearTimeout(cutOff));
  incoming.resume();
}
