/**
 * Writes dist/pglite-template-<PGlite version>/: an initialised, empty PGlite cluster. A fresh
 * DATA_DIR starts as a copy of it instead of running initdb, which takes PGlite seconds. Written
 * once per PGlite version: later builds find it there.
 */
const { existsSync, readdirSync, renameSync, rmSync } = require('node:fs');
const path = require('node:path');
const { PGlite } = require('@electric-sql/pglite');

const distDir = path.join(__dirname, '..', 'dist');
// Compiled just before this script runs: the app finds the template by the same name.
const { PGLITE_TEMPLATE_PREFIX, pgliteTemplateDirectory } = require('../dist/shared/database/pglite-template.js');

async function main() {
  const template = pgliteTemplateDirectory(distDir);
  if (existsSync(template)) return;
  const isStale = (name) => name.startsWith(PGLITE_TEMPLATE_PREFIX) && name !== path.basename(template);
  for (const stale of readdirSync(distDir).filter(isStale)) {
    rmSync(path.join(distDir, stale), { recursive: true, force: true });
  }
  // Written aside and renamed into place: an interrupted build must not leave half a cluster to copy.
  const partial = `${template}.partial-${process.pid}`;
  const cluster = await PGlite.create(partial);
  await cluster.close();
  renameSync(partial, template);
}

main().catch((error) => {
  process.stderr.write(`Could not write the PGlite template (a fresh DATA_DIR will run initdb instead): ${error}\n`);
});
