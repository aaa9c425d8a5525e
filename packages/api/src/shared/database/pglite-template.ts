import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Every template's name starts so; the build removes those of other PGlite versions. */
export const PGLITE_TEMPLATE_PREFIX = 'pglite-template-';

/**
 * The directory of the initialised, empty PGlite cluster the build writes into the app's `dist`
 * directory (scripts/build-pglite-template.cjs), and a new data directory starts as a copy of.
 * Named after the installed PGlite's version: another version's cluster would not start.
 */
export function pgliteTemplateDirectory(distDirectory: string): string {
  const pglitePackage = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(pglitePackage, 'utf8')) as { version: string };
  return join(distDirectory, `${PGLITE_TEMPLATE_PREFIX}${version}`);
}
