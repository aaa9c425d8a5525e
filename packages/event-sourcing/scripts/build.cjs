/**
 * Builds the publishable SDK: CommonJS by SWC (as the app's build does) and declaration files by
 * tsc, into `dist` or the directory given, so a test can pack a build of its own while other
 * tests run the package's `dist`.
 */
const { execFileSync } = require('node:child_process');
const { dirname, join, resolve } = require('node:path');

const packageRoot = resolve(__dirname, '..');
const outDir = resolve(process.argv[2] ?? join(packageRoot, 'dist'));
const swc = join(dirname(require.resolve('@swc/cli/package.json')), 'bin', 'swc.js');
const tsc = require.resolve('typescript/bin/tsc');

/** Test code and the repository's test setup, which tsconfig.build.json excludes as well. */
const NOT_PUBLISHED = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.fixture.ts', 'src/testing/event-store-contract.ts', 'src/testing/postgres/global-setup.ts'];

const run = (script, args) => execFileSync(process.execPath, [script, ...args], { cwd: packageRoot, stdio: 'inherit' });
run(swc, ['src', '-d', outDir, '--delete-dir-on-start', '--strip-leading-paths', '--config-file', '../../.swcrc', '--ignore', NOT_PUBLISHED.join(','), '--quiet']);
run(tsc, ['-p', 'tsconfig.build.json', '--outDir', outDir]);
