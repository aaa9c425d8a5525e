import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_PACKAGE_DIRECTORY } from '../../package-directory';

/** Where `npm run build` puts the web app: the panel workspace beside this one. */
export const DEFAULT_WEB_APP_DIRECTORY = resolve(API_PACKAGE_DIRECTORY, '..', 'panel', 'dist');

/** Vite names every asset after its content hash: a changed file is a new URL, so caches may keep one for good. */
const HASHED_ASSETS_PREFIX = '/assets/';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export type WebAppServing = Readonly<{ served: true }> | Readonly<{ served: false; reason: string }>;

/**
 * Serves the built web app at `/` on the API's own port and origin. A GET for a path the app
 * routes itself (`/confirm-email`, `/dashboard`, …) answers its `index.html`; paths the server
 * owns (`/api/**`, `/metrics`) keep the API's own 404. Without a build (the API alone, in
 * development with Vite's dev server) nothing is served and the caller says so.
 */
export async function serveWebApp(app: NestFastifyApplication, directory: string, serverPaths: readonly string[]): Promise<WebAppServing> {
  if (!existsSync(join(directory, 'index.html'))) return { served: false, reason: `no index.html in ${directory}: run npm run build` };
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyStatic, {
    root: directory,
    // One route per file found at start-up: a path that is no file falls through to the app's routes.
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => reply.header('cache-control', cacheControlOf(directory, path)),
  });
  fastify.get('/*', (request, reply) => {
    if (!isAppPage(request.url, serverPaths)) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
  return { served: true };
}

/** Hashed assets forever; everything else (index.html, icons) revalidated, so a new release shows at once. */
export function cacheControlOf(directory: string, filePath: string): string {
  const urlPath = filePath.slice(directory.length).replaceAll('\\', '/');
  return urlPath.startsWith(HASHED_ASSETS_PREFIX) ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : 'no-cache';
}

/**
 * True for a path the app may route: not the server's (`/api`, `/api/…`, `/metrics`; a prefix counts
 * only as a whole segment), and not a file. A file that is missing (an asset of an older release,
 * a mistyped icon) answers 404 rather than index.html, which the browser would fail to run as a script.
 */
export function isAppPage(url: string, serverPaths: readonly string[]): boolean {
  const path = url.split('?', 1)[0] ?? '';
  if (serverPaths.some((prefix) => path === `/${prefix}` || path.startsWith(`/${prefix}/`))) return false;
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  return !lastSegment.includes('.');
}
