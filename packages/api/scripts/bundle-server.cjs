/**
 * Writes dist/main.bundle.js (and its source map): main.js with every module it requires, in one
 * file, which `dist/start.js` runs. Run after the TypeScript compile; decorator metadata is already
 * in the compiled JavaScript, so bundling it loses nothing.
 */
const path = require('node:path');
const { build } = require('esbuild');

const distDir = path.join(__dirname, '..', 'dist');

/**
 * Left to Node's own require: packages that find files next to their own modules (PGlite's
 * WebAssembly and data, Swagger UI's assets, pino's worker scripts).
 */
const EXTERNAL = ['@electric-sql/pglite', 'swagger-ui-dist', 'pino', 'thread-stream'];

/**
 * Optional packages that Nest and others try to require (the Express platform, microservices,
 * view engines) and that are not installed stay requires: they fail at run time, where their
 * callers expect it, as they would without the bundle.
 */
const leaveUninstalledPackagesOut = {
  name: 'leave-uninstalled-packages-out',
  setup(bundler) {
    bundler.onResolve({ filter: /^[@a-z]/ }, (args) => {
      try {
        require.resolve(args.path, { paths: [args.resolveDir] });
        return undefined;
      } catch {
        return { path: args.path, external: true };
      }
    });
  },
};

build({
  entryPoints: [path.join(distDir, 'main.js')],
  outfile: path.join(distDir, 'main.bundle.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // No keepNames: Nest names providers, modules and log contexts after their classes, and those
  // names survive as they are, since the bundle is not minified and esbuild renames nothing in the
  // CommonJS modules it wraps. keepNames would wrap every function in a naming call each time it is
  // created: on the request path, closures by the dozen per request.
  // Maps to the TypeScript sources through the compiler's own maps; stack traces need no sources' text.
  sourcemap: true,
  sourcesContent: false,
  external: EXTERNAL,
  plugins: [leaveUninstalledPackagesOut],
  logLevel: 'warning',
}).catch(() => process.exit(1));
