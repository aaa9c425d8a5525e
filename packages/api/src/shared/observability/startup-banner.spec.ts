import { describe, expect, it } from 'vitest';
import { startupBanner, type StartupFacts } from './startup-banner';

const facts: StartupFacts = {
  listening: { address: '127.0.0.1', port: 4100 },
  appUrl: 'http://localhost:4100',
  publicApiUrl: undefined,
  metricsEnabled: true,
  database: 'embedded PostgreSQL in ./data',
  jwtSecretOrigin: 'generated and stored in data/jwt-secret',
};

describe('startupBanner', () => {
  it('given the loopback address, then names it and lists the app, API docs, AsyncAPI and metrics URLs on its port', () => {
    expect(startupBanner(facts)).toBe(
      [
        'CodersCamp API listening on http://127.0.0.1:4100',
        '  App:       http://localhost:4100',
        '  API docs:  http://127.0.0.1:4100/api/docs',
        '  AsyncAPI:  http://127.0.0.1:4100/api/asyncapi',
        '  Metrics:   http://127.0.0.1:4100/metrics',
        '  Database:  embedded PostgreSQL in ./data',
        '  JWT secret: generated and stored in data/jwt-secret',
      ].join('\n'),
    );
  });

  it('given every interface, then says the server is reachable from other machines and links through localhost', () => {
    const banner = startupBanner({ ...facts, listening: { address: '0.0.0.0', port: 4000 } });

    expect(banner).toMatch(/^CodersCamp API listening on http:\/\/0\.0\.0\.0:4000 \(every network interface: reachable from other machines\)$/m);
    expect(banner).toContain('API docs:  http://localhost:4000/api/docs');
  });

  it('given an IPv6 address, then brackets it in the URLs', () => {
    expect(startupBanner({ ...facts, listening: { address: '::1', port: 4000 } })).toContain('listening on http://[::1]:4000');
  });

  it('given PUBLIC_API_URL and metrics off, then links through the public URL and leaves metrics out', () => {
    const banner = startupBanner({ ...facts, publicApiUrl: 'https://api.example.com/', metricsEnabled: false });

    expect(banner).toContain('API docs:  https://api.example.com/api/docs');
    expect(banner).not.toContain('Metrics');
  });
});
