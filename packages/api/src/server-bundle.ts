import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { API_PACKAGE_DIRECTORY } from './package-directory';

/** The server in one file, which the build writes from `main.js` and everything it requires (scripts/bundle-server.cjs). */
export const SERVER_BUNDLE = join(API_PACKAGE_DIRECTORY, 'dist', 'main.bundle.js');
/** V8's code cache of the bundle, written by a start-up once the server listens (see `start.ts`). */
export const SERVER_BUNDLE_CODE_CACHE = `${SERVER_BUNDLE}.code-cache`;

/**
 * The bundle as a script, in the CommonJS wrapper Node gives every module, so it runs as if
 * required; with `cachedData`, V8 takes the compiled code from there unless it was made for other
 * code or by another V8 (`cachedDataRejected`).
 */
export function compileServerBundle(cachedData?: Buffer): Script {
  return new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(SERVER_BUNDLE, 'utf8')}\n})`, {
    filename: SERVER_BUNDLE,
    cachedData,
  });
}
