import type { AddressInfo } from 'node:net';

export type StartupFacts = Readonly<{
  /** What the HTTP server is bound to, as `server.address()` reports it. */
  listening: Pick<AddressInfo, 'address' | 'port'>;
  appUrl: string;
  /** PUBLIC_API_URL when set. */
  publicApiUrl: string | undefined;
  metricsEnabled: boolean;
  database: string;
  jwtSecretOrigin: string;
}>;

export type StartupUrls = Readonly<{ app: string; apiDocs: string; asyncApi: string; metrics: string | undefined }>;

const EVERY_INTERFACE = new Set(['0.0.0.0', '::']);

/** The address the server listens on, as a URL; brackets an IPv6 address. */
export function listeningUrl({ address, port }: StartupFacts['listening']): string {
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

/**
 * Where a person on this machine reaches the API: PUBLIC_API_URL, else the bound address (its
 * loopback name when bound to every interface, which is no address a browser can open).
 */
export function startupUrls(facts: StartupFacts): StartupUrls {
  const { address, port } = facts.listening;
  const api = (facts.publicApiUrl ?? listeningUrl({ address: EVERY_INTERFACE.has(address) ? 'localhost' : address, port })).replace(/\/+$/, '');
  return {
    app: facts.appUrl,
    apiDocs: `${api}/api/docs`,
    asyncApi: `${api}/api/asyncapi`,
    metrics: facts.metricsEnabled ? `${api}/metrics` : undefined,
  };
}

/** The lines printed once the server listens: where it is bound, and the URLs to open. */
export function startupBanner(facts: StartupFacts): string {
  const urls = startupUrls(facts);
  const bound = listeningUrl(facts.listening);
  const scope = EVERY_INTERFACE.has(facts.listening.address) ? ' (every network interface: reachable from other machines)' : '';
  const rows: [string, string | undefined][] = [
    ['App', urls.app],
    ['API docs', urls.apiDocs],
    ['AsyncAPI', urls.asyncApi],
    ['Metrics', urls.metrics],
  ];
  return [
    `CodersCamp API listening on ${bound}${scope}`,
    ...rows.filter((row): row is [string, string] => row[1] !== undefined).map(([label, url]) => `  ${`${label}:`.padEnd(10)} ${url}`),
    `  Database:  ${facts.database}`,
    `  JWT secret: ${facts.jwtSecretOrigin}`,
  ].join('\n');
}
