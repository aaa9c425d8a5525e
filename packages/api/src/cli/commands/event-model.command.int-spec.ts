import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@coderscamp/event-sourcing/testing/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PACKAGE_DIRECTORY } from '../../package-directory';
import type { EventModel } from '../../shared/event-model/event-model';
import { extractSourceFacts } from '../../shared/event-model/extract-source-facts';
import { CLI_COMMANDS } from '../commands';
import { runCli } from '../run-cli';

describe('event-model command', () => {
  let database: TestDatabase;
  let directory: string;
  let sourcesFile: string;

  beforeAll(async () => {
    database = await createTestDatabase({ prefix: 'cli_event_model' });
    directory = await mkdtemp(join(tmpdir(), 'event-model-cli-'));
    sourcesFile = join(directory, 'event-model.sources.json');
    const facts = extractSourceFacts({ sourceRoot: join(API_PACKAGE_DIRECTORY, 'src'), tsconfigFile: join(API_PACKAGE_DIRECTORY, 'tsconfig.json') });
    await writeFile(sourcesFile, JSON.stringify(facts));
  });

  afterAll(async () => {
    await database?.drop();
    await rm(directory, { recursive: true, force: true });
  });

  async function cli(argv: readonly string[], sources = sourcesFile): Promise<{ exitCode: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const exitCode = await runCli(
      argv,
      CLI_COMMANDS,
      { out: (text) => (out += `${text}\n`), err: (text) => (err += text) },
      { DATABASE_URL: database.url, LOG_LEVEL: 'silent', EVENT_MODEL_SOURCES_FILE: sources },
    );
    return { exitCode, out, err };
  }

  it('given --format mermaid, then it prints the flowchart with the registration flow and reports no problems', async () => {
    const { exitCode, out, err } = await cli(['event-model', '--format', 'mermaid']);

    expect(exitCode).toBe(0);
    expect(out.startsWith('flowchart LR\n')).toBe(true);
    expect(out).toContain('  command_RegisterUser --> event_UserRegistrationWasStarted\n');
    expect(out).toContain('  automation_WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1 --> command_RequestEmailConfirmation\n');
    expect(err).toBe('');
  });

  it('given --format json --out <file>, then the file holds the model with the endpoints the server serves', async () => {
    const file = join(directory, 'model.json');

    const { exitCode, out } = await cli(['event-model', '--format', 'json', '--out', file]);

    expect([exitCode, out]).toEqual([0, '']);
    const model = JSON.parse(await readFile(file, 'utf8')) as EventModel;
    expect(model.commands.find((command) => command.type === 'CreateCourse')?.endpoints).toEqual([{ method: 'POST', path: '/api/courses' }]);
  });

  it('given an unknown format (yaml, toString), a flag without its value or an unknown flag, then 2 and the usage, nothing printed', async () => {
    for (const argv of [['--format', 'yaml'], ['--format', 'toString'], ['--format'], ['--output', 'model.json']]) {
      const { exitCode, out, err } = await cli(['event-model', ...argv]);
      expect({ argv, exitCode, out }).toEqual({ argv, exitCode: 2, out: '' });
      expect(err).toContain('Usage: event-model [--format json|mermaid|markdown] [--out <file>]');
    }
  });

  it('given no source facts where the configuration says, then it fails naming the file and `npm run build`', async () => {
    const missing = join(directory, 'missing.json');

    await expect(cli(['event-model'], missing)).rejects.toThrow(`The Event Model's source facts are not at ${missing}: \`npm run build\` writes them`);
  });
});
