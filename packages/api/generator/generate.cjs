// Runs the TypeScript generator with SWC, as the build compiles the app: each file is compiled when
// Node loads it, so there is no build step and start-up stays well under a second.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs', strict: true },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};

process.exitCode = require('./main.ts').main(process.argv.slice(2));
