import { describe, expect, it } from 'vitest';
import { testAppPerFile } from './support/test-app';

describe('application skeleton', () => {
  const app = testAppPerFile();

  const get = (path: string, headers: Record<string, string> = {}) => app.http(path, { headers });

  it('given a running app, then reports itself healthy with the database up', async () => {
    const response = await get('/api/health');

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('given a running app, then answers the liveness and readiness probes', async () => {
    expect((await get('/api/health/live')).status).toBe(200);
    expect(await (await get('/api/health/ready')).json()).toEqual({ status: 'ready' });
  });

  it('given a request with a correlation id, then echoes it', async () => {
    const response = await get('/api/health/live', { 'x-correlation-id': 'e2e-trace-1' });

    expect(response.headers.get('x-correlation-id')).toBe('e2e-trace-1');
  });

  it('given an unknown route, then answers the common error shape', async () => {
    const response = await get('/api/no-such-thing');

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('given the docs, then serves the Swagger UI and an OpenAPI document with the access-token and webhook schemes', async () => {
    expect((await get('/api/docs')).status).toBe(200);
    const document = (await (await get('/api/docs-json')).json()) as {
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, unknown> };
    };

    expect(Object.keys(document.paths)).toContain('/api/health');
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearer', 'cookie', 'webhookSecret', 'webhookSecretQuery']);
  });
});
