import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { mapStackTracesToSources } from './bundle-stack-traces';
import { compileServerBundle, SERVER_BUNDLE, SERVER_BUNDLE_CODE_CACHE } from './server-bundle';

/**
 * What `npm start` runs: the server from its bundle, compiled with V8's code cache of an earlier
 * start.
 *
 * Start-up is mostly loading code: resolving, reading and compiling some two thousand modules, and
 * compiling the functions that start-up runs. The bundle spares the resolving and reading; the code
 * cache, written once the server listens and so holding every function start-up compiled, spares
 * the compiling. A cache V8 rejects (the bundle changed, or Node did) costs one start-up its
 * compiling, and that start-up writes a new one.
 */
type BundleExports = { serverStarted?: Promise<void> };
type ModuleFunction = (exports: BundleExports, require: NodeJS.Require, module: { exports: BundleExports }, filename: string, dirname: string) => void;

function startBundledServer(): void {
  mapStackTracesToSources(SERVER_BUNDLE);
  const cachedData = readOptional(SERVER_BUNDLE_CODE_CACHE);
  const script = compileServerBundle(cachedData);
  const bundleModule = { exports: {} as BundleExports };
  const run = script.runInThisContext() as ModuleFunction;
  run(bundleModule.exports, createRequire(SERVER_BUNDLE), bundleModule, SERVER_BUNDLE, dirname(SERVER_BUNDLE));
  if (cachedData && !script.cachedDataRejected) return;
  void bundleModule.exports.serverStarted?.then(() => writeCodeCache(script.createCachedData()));
}

/**
 * Through a file of its own and a rename, so a process starting meanwhile reads the old cache or
 * the new one, never half of one. Best effort: a read-only dist only costs later start-ups their
 * compiling.
 */
async function writeCodeCache(cache: Buffer): Promise<void> {
  const partial = `${SERVER_BUNDLE_CODE_CACHE}.${process.pid}`;
  try {
    await writeFile(partial, cache);
    await rename(partial, SERVER_BUNDLE_CODE_CACHE);
  } catch {
    await rm(partial, { force: true }).catch(() => undefined);
  }
}

function readOptional(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

startBundledServer();
