import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC (not esbuild) transpiles tests so NestJS gets the decorator metadata its DI relies on.
const shared = {
  plugins: [swc.vite({ configFile: false, swcrc: false, jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false }, target: 'es2022', keepClassNames: true } })],
  resolve: { conditions: ['source'] },
  // Tests run in Vite's server environment, which ignores `resolve.conditions`: without this the
  // SDK's subpath imports resolve to its unbuilt dist/. The rest are Vite's server defaults.
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
};

export default defineConfig({
  test: {
    projects: [
      { ...shared, test: { name: 'unit', include: ['packages/*/src/**/*.spec.ts', 'packages/api/generator/**/*.spec.ts'], environment: 'node' } },
      {
        ...shared,
        test: {
          name: 'int',
          include: ['packages/*/src/**/*.int-spec.ts', 'packages/*/test/**/*.int-spec.ts'],
          globalSetup: ['packages/event-sourcing/src/testing/postgres/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
        },
      },
      {
        ...shared,
        test: {
          name: 'e2e',
          include: ['packages/api/test/**/*.e2e-spec.ts'],
          globalSetup: ['packages/event-sourcing/src/testing/postgres/global-setup.ts', 'packages/api/test/support/chromium-global-setup.ts', 'packages/api/test/support/web-app-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
        },
      },
      {
        ...shared,
        test: {
          // Not part of `npm test`: `npm run test:reliability` runs it, one scenario file at a time.
          name: 'reliability',
          include: ['packages/api/test/reliability/**/*.reliability-spec.ts'],
          globalSetup: ['packages/api/test/reliability/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
