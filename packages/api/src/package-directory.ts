import { resolve } from 'node:path';

/**
 * The api package's directory (packages/api), which holds `drizzle/` and `dist/`. Resolved from
 * this module because it sits at the top of `src/` and of `dist/`, and the server bundle
 * (`dist/main.bundle.js`) sits there too: one level up is the package however the code is run.
 */
export const API_PACKAGE_DIRECTORY = resolve(__dirname, '..');
