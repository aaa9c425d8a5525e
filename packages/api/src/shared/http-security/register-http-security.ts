import fastifyCors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ACCESS_TOKEN_COOKIE } from '../auth/access-token';
import type { AppConfig } from '../config/app-config';
import type { AppUrl } from '../config/app-url';

/** Headers a web app on another origin may read: the correlation id to report, the rate limits to honour. */
const EXPOSED_HEADERS = ['X-Correlation-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];
const HSTS_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

/**
 * CORS for the web app's origins, security headers on every response, and no caching of anything
 * a request's credentials may have personalised.
 */
export async function registerHttpSecurity(app: NestFastifyApplication, config: AppConfig, appUrl: AppUrl): Promise<void> {
  await app.register(fastifyCors, {
    // Asked per request: with PORT=0 the web app's own origin is known only once the server listens.
    origin: (origin, callback) => callback(null, origin !== undefined && appUrl.isAllowedOrigin(origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  const https = new URL(config.http.appUrl).protocol === 'https:';
  const securityHeaders = securityHeadersOf({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Swagger UI and the AsyncAPI page style elements inline; no script runs inline anywhere.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Swagger UI draws its icons as data: images; a profile's image is an https URL of the user's choosing.
        imgSrc: ["'self'", 'data:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Over plain http (a laptop, a LAN address) upgrading would break every script and style.
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // For browsers that predate frame-ancestors, the same answer.
    xFrameOptions: { action: 'deny' },
    // Only where the app is served over https: a browser would otherwise refuse http for this host.
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  registerNoStoreForPersonalResponses(fastify);
}

/**
 * The headers helmet sets for these options, worked out once: the directives are the same for every
 * response, and building helmet's middleware again on every request, as its Fastify plugin does,
 * cost a few percent of a request's CPU.
 */
export function securityHeadersOf(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    // Helmet removes X-Powered-By, which Fastify never sets.
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/** Login, logout and whatever else hands out or takes back credentials. */
const AUTH_PATH_PREFIX = '/api/auth/';

/**
 * `Cache-Control: no-store` on every response to a request that carries credentials (bearer token
 * or auth cookie), on every response that sets a cookie, and on everything under /api/auth/
 * (a login answer holds a token, even a failed one is about one account): whatever such a
 * response holds may be about one person, and must stay out of shared and browser caches. The
 * rule is by request rather than by route, so a new authenticated route is covered without a word.
 */
export function registerNoStoreForPersonalResponses(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const credentialed = request.headers.authorization !== undefined || request.cookies?.[ACCESS_TOKEN_COOKIE] !== undefined;
    if (credentialed || reply.hasHeader('set-cookie') || request.url.startsWith(AUTH_PATH_PREFIX)) reply.header('cache-control', 'no-store');
    return payload;
  });
}
