import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_PACKAGE_DIRECTORY } from '../../package-directory';
import { extractSourceFacts } from './extract-source-facts';
import { DEFAULT_SOURCE_FACTS_FILE } from './source-facts-file';

/**
 * `node dist/shared/event-model/write-source-facts.js`, a step of `npm run build`: reads the
 * Event Model's facts from the TypeScript sources and writes them where the server loads them.
 * Run from the compiled file so the server bundle never includes the compiler.
 */
function writeSourceFacts(): void {
  const facts = extractSourceFacts({ sourceRoot: join(API_PACKAGE_DIRECTORY, 'src'), tsconfigFile: join(API_PACKAGE_DIRECTORY, 'tsconfig.json') });
  writeFileSync(DEFAULT_SOURCE_FACTS_FILE, `${JSON.stringify(facts, null, 2)}\n`);
}

try {
  writeSourceFacts();
} catch (error) {
  process.stderr.write(`Cannot write the Event Model's source facts: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
}
