import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_PACKAGE_DIRECTORY } from '../../package-directory';
import type { SourceFacts } from './source-facts';

/** Where `npm run build` writes the facts it read from the sources, next to the server it builds. */
export const DEFAULT_SOURCE_FACTS_FILE = join(API_PACKAGE_DIRECTORY, 'dist', 'event-model.sources.json');

export class SourceFactsMissingError extends Error {
  constructor(file: string) {
    super(`The Event Model's source facts are not at ${file}: \`npm run build\` writes them`);
  }
}

export async function readSourceFacts(file: string): Promise<SourceFacts> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new SourceFactsMissingError(file);
    throw error;
  });
  return JSON.parse(text) as SourceFacts;
}
