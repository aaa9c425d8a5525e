// Fails the build when the JavaScript a first visit downloads grows past the budget: the entry
// script index.html loads and every chunk it preloads, gzipped as a server would send them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const distDir = join(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(distDir, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((match) => match[1]);
if (scripts.length === 0) {
  console.error('check-bundle-size: index.html loads no script; is this a Vite build?');
  process.exit(1);
}
const total = scripts.reduce((sum, src) => sum + gzipSync(readFileSync(join(distDir, src))).length, 0);
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
if (total > BUDGET_BYTES) {
  console.error(`Initial JavaScript is ${kB(total)} gzip, over the ${kB(BUDGET_BYTES)} budget: ${scripts.join(', ')}`);
  process.exit(1);
}
console.log(`Initial JavaScript: ${kB(total)} gzip (budget ${kB(BUDGET_BYTES)})`);
