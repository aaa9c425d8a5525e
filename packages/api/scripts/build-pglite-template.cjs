/**
 * Writes dist/pglite-template-<PGlite version>.tar: an initialised, empty PGlite cluster. A
 * fresh DATA_DIR starts from it instead of running initdb, which takes PGlite seconds. Written once
 * per PGlite version: later builds find it there.
 */
const { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { PGlite } = require('@electric-sql/pglite');

const distDir = path.join(__dirname, '..', 'dist');
const pgliteVersion = JSON.parse(readFileSync(path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')).version;
const templateFile = `pglite-template-${pgliteVersion}.tar`;

async function main() {
  if (existsSync(path.join(distDir, templateFile))) return;
  for (const stale of readdirSync(distDir).filter((name) => name.startsWith('pglite-template-'))) rmSync(path.join(distDir, stale));
  const cluster = await PGlite.create();
  const tarball = await cluster.dumpDataDir('none');
  await cluster.close();
  writeFileSync(path.join(distDir, templateFile), Buffer.from(await tarball.arrayBuffer()));
}

main().catch((error) => {
  process.stderr.write(`Could not write the PGlite template (a fresh DATA_DIR will run initdb instead): ${error}\n`);
});
