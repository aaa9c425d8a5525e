import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodesOf } from '../src/shared/api-docs/api-error-response.decorator';
import { testAppPerFile } from './support/test-app';

type Example = { value: { statusCode: number; code: string } };
type OpenApiDocument = {
  paths: Record<string, Record<string, { responses?: Record<string, { description?: string; content?: Record<string, { examples?: Record<string, Example> }> }> }>>;
  components: { schemas: { HttpErrorResponse: { properties: { code: { example?: string } } } } };
};

const REPOSITORY_ROOT = resolve(__dirname, '../../..');
const bin = (name: string) => join(REPOSITORY_ROOT, 'node_modules/.bin', name);
const run = promisify(execFile);

type Outcome = { exitCode: number; output: string };

async function lint(command: string, args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: REPOSITORY_ROOT, env: { ...process.env, NO_COLOR: '1', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
    return { exitCode: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/**
 * The document the server serves, checked by linters the team did not write: Redocly's recommended
 * rules and Spectral's OpenAPI and OWASP rulesets (rules switched off are in redocly.yaml and
 * .spectral.yaml at the repository root, each with its reason). Both run offline.
 */
describe('OpenAPI document under outside linters', () => {
  const app = testAppPerFile();
  let directory: string;
  let documentPath: string;
  let document: OpenApiDocument;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
    documentPath = join(directory, 'openapi.json');
    const response = await app.http('/api/docs-json');
    const text = await response.text();
    document = JSON.parse(text) as OpenApiDocument;
    await writeFile(documentPath, text);
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('given every error response, then its examples carry exactly the codes its description names, not another route\'s', () => {
    const mismatches: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          if (Number(status) < 400) continue;
          const named = errorCodesOf(response.description);
          const examples = Object.values(response.content?.['application/json']?.examples ?? {}).map((example) => example.value);
          const shown = examples.map((example) => example.code);
          if (named.length === 0 || JSON.stringify(shown) !== JSON.stringify(named) || examples.some((example) => example.statusCode !== Number(status))) {
            mismatches.push(`${method.toUpperCase()} ${path} ${status}: names ${named.join(', ') || 'nothing'}, shows ${shown.join(', ') || 'nothing'}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(document.components.schemas.HttpErrorResponse.properties.code.example).toBeUndefined();
  });

  it('given the served document, then Redocly CLI reports no error', async () => {
    const outcome = await lint(bin('redocly'), ['lint', documentPath, '--config', join(REPOSITORY_ROOT, 'redocly.yaml'), '--format', 'stylish']);
    expect(outcome.exitCode, outcome.output).toBe(0);
  });

  it('given the served document, then Spectral with the OAS and OWASP rulesets reports no error', async () => {
    const outcome = await lint(bin('spectral'), ['lint', documentPath, '--ruleset', join(REPOSITORY_ROOT, '.spectral.yaml'), '--fail-severity', 'error', '--format', 'text']);
    expect(outcome.exitCode, errorsOnly(outcome.output)).toBe(0);
  });
});

/**
 * Spectral lists warnings too; a failure names the errors. Its text format is
 * `file:line:column severity rule "message"`, so the severity is matched where it stands, not in a
 * warning's message that happens to say "error".
 */
function errorsOnly(output: string): string {
  return output
    .split('\n')
    .filter((line) => /:\d+:\d+ error /.test(line))
    .join('\n');
}
