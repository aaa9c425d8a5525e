import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCorrelationId } from './correlation-id.hook';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('correlation id', () => {
  let fastify: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    fastify = Fastify();
    registerCorrelationId(fastify);
    fastify.post('/echo', async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { seenByHandler: request.correlationId };
    });
    url = await fastify.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await fastify.close();
  });

  const post = (headers: Record<string, string> = {}) =>
    fastify.inject({ method: 'POST', url: '/echo', payload: { any: 'body' }, headers });

  it('given an acceptable X-Correlation-Id, then keeps it, echoes it and exposes it to the handler', async () => {
    const response = await post({ 'x-correlation-id': 'checkout-42.retry_1' });

    expect(response.headers['x-correlation-id']).toBe('checkout-42.retry_1');
    expect(response.json()).toEqual({ seenByHandler: 'checkout-42.retry_1' });
  });

  it('given no X-Correlation-Id, then generates a uuid', async () => {
    const response = await post();

    expect(response.headers['x-correlation-id']).toMatch(UUID);
    expect(response.json().seenByHandler).toBe(response.headers['x-correlation-id']);
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['with spaces', 'two words'],
    ['with a line break', 'id\ninjected'],
    ['with markup', '<script>'],
  ])('given an id %s, then replaces it with a uuid', async (_case, value) => {
    const response = await post({ 'x-correlation-id': value });

    expect(response.headers['x-correlation-id']).toMatch(UUID);
  });

  it('given concurrent requests with streamed bodies, then each handler sees its own id', async () => {
    const ids = Array.from({ length: 10 }, (_, index) => `request-${index}`);
    const body = JSON.stringify({ padding: 'x'.repeat(50_000) });

    const seen = await Promise.all(
      ids.map(async (id) => {
        const headers = { 'content-type': 'application/json', 'x-correlation-id': id };
        const response = await fetch(`${url}/echo`, { method: 'POST', headers, body });
        return ((await response.json()) as { seenByHandler: string }).seenByHandler;
      }),
    );

    expect(seen).toEqual(ids);
  });
});
