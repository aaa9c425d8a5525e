import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { writeSourceFactsOfTheSources } from './event-model';

const PANEL_DIRECTORY = resolve(__dirname, '../../../panel');
const VITE = resolve(__dirname, '../../../../node_modules/vite/bin/vite.js');

/**
 * Vitest global setup of the e2e tier: builds the web app from its current sources into a directory
 * of its own, and writes the Event Model's source facts of the current sources (the console's pages
 * read the model), so browser tests never run against a stale or missing `npm run build`; removes
 * both after them. Built in a process of its own with NODE_ENV=production, as `npm run build` does: under
 * the test runner's NODE_ENV=test Vite would ship React's development build.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const directory = await mkdtemp(join(tmpdir(), 'coderscamp-web-app-'));
  await promisify(execFile)(process.execPath, [VITE, 'build', '--logLevel', 'warn', '--outDir', directory, '--emptyOutDir', '--sourcemap', 'false'], {
    cwd: PANEL_DIRECTORY,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const sourceFacts = await writeSourceFactsOfTheSources();
  project.provide('webAppDirectory', directory);
  project.provide('eventModelSourcesFile', sourceFacts.file);
  return async () => {
    await rm(directory, { recursive: true, force: true });
    await sourceFacts.remove();
  };
}
