import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractSourceFacts, type SourceTree } from '../../src/shared/event-model/extract-source-facts';

/** The API's own sources, as `npm run build` reads them. */
export const API_SOURCE_TREE: SourceTree = {
  sourceRoot: join(__dirname, '..', '..', 'src'),
  tsconfigFile: join(__dirname, '..', '..', 'tsconfig.json'),
};

/** The checked-in document the drift check guards. */
export const EVENT_MODEL_DOC = join(__dirname, '..', '..', '..', '..', 'docs', 'event-model.md');

/**
 * The source facts of the current sources, written as the build writes them, to a file of its
 * own: a test never depends on (or overwrites) what the last `npm run build` left in `dist/`.
 */
export async function writeSourceFactsOfTheSources(): Promise<Readonly<{ file: string; remove: () => Promise<void> }>> {
  const directory = await mkdtemp(join(tmpdir(), 'event-model-'));
  const file = join(directory, 'event-model.sources.json');
  await writeFile(file, JSON.stringify(extractSourceFacts(API_SOURCE_TREE)));
  return { file, remove: () => rm(directory, { recursive: true, force: true }) };
}

/** Where a checked-in document first differs from the generated one, or undefined when they are equal. */
export function driftOf(checkedIn: string, generated: string): string | undefined {
  if (checkedIn === generated) return undefined;
  const checkedInLines = checkedIn.split('\n');
  const generatedLines = generated.split('\n');
  const line = checkedInLines.findIndex((text, index) => text !== generatedLines[index]);
  const at = line === -1 ? checkedInLines.length : line;
  return (
    `docs/event-model.md differs from the code's Event Model at line ${at + 1}:\n` +
    `  checked in: ${checkedInLines[at] ?? '(end of file)'}\n` +
    `  generated:  ${generatedLines[at] ?? '(end of file)'}\n` +
    'Regenerate it with `npm run event-model:doc`.'
  );
}
