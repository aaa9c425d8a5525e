/**
 * Writes dist/pglite-template-<PGlite version>.tar: an initialised, empty PGlite cluster. A
 * fresh DATA_DIR starts from it instead of running initdb, which takes PGlite seconds. Written once
 * per PGlite version: later builds find it there.
 */
const { existsSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { PGlite } = require('@electric-sql/pglite');

const distDir = path.join(__dirname, '..', 'dist');
// Compiled just before this script runs: the app finds the template by the same name.
const { PGLITE_TEMPLATE_PREFIX, pgliteTemplateFile } = require('../dist/shared/database/pglite-template.js');

async function main() {
  const templateFile = pgliteTemplateFile(distDir);
  if (existsSync(templateFile)) return;
  for (const stale of readdirSync(distDir).filter((name) => name.startsWith(PGLITE_TEMPLATE_PREFIX))) rmSync(path.join(distDir, stale));
  const cluster = await PGlite.create();
  const tarball = await cluster.dumpDataDir('none');
  await cluster.close();
  writeFileSync(templateFile, Buffer.from(await tarball.arrayBuffer()));
}

main().catch((error) => {
  process.stderr.write(`Could not write the PGlite template (a fresh DATA_DIR will run initdb instead): ${error}\n`);
});
