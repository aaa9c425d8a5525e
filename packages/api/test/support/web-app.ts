import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const PANEL_DIRECTORY = resolve(__dirname, '../../../panel');
const VITE = resolve(__dirname, '../../../../node_modules/vite/bin/vite.js');

export type BuiltWebApp = Readonly<{ directory: string; remove(): Promise<void> }>;

/**
 * The web app built from its current sources into a directory of its own, for one test file to
 * serve (WEB_APP_DIR): browser tests never run against a stale or missing `npm run build`. Built
 * in a process of its own with NODE_ENV=production, as `npm run build` does: under the test
 * runner's NODE_ENV=test Vite would ship React's development build.
 */
export async function buildWebApp(): Promise<BuiltWebApp> {
  const directory = await mkdtemp(join(tmpdir(), 'coderscamp-web-app-'));
  await promisify(execFile)(process.execPath, [VITE, 'build', '--logLevel', 'warn', '--outDir', directory, '--emptyOutDir', '--sourcemap', 'false'], {
    cwd: PANEL_DIRECTORY,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return { directory, remove: () => rm(directory, { recursive: true, force: true }) };
}
