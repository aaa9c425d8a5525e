import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiTypesOf } from '../src/shared/api-docs/openapi-types';
import { testAppPerFile } from './support/test-app';

/** The web app's client is typed by this file; the build regenerates it (npm run build). */
const CHECKED_IN_TYPES = resolve(__dirname, '../../panel/src/api/openapi.d.ts');

describe('the web app\'s API types', () => {
  const app = testAppPerFile();

  it('given the OpenAPI document the API serves, then the checked-in types are exactly what it yields (else run npm run build and commit the file)', async () => {
    const served = (await (await app.http('/api/docs-json')).json()) as object;

    expect(await openApiTypesOf(served)).toBe(await readFile(CHECKED_IN_TYPES, 'utf8'));
  });
});
