import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, readlink, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPOSITORY_ROOT = resolve(__dirname, '../../..');
const run = promisify(execFile);

type Outcome = { exitCode: number; output: string };

async function runIn(directory: string, command: string, args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: directory, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 });
    return { exitCode: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: typeof failed.code === 'number' ? failed.code : 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The files git knows (tracked, or new and not ignored) as they are now, with the installed node_modules linked in. */
async function copyOfRepository(): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'generator-'));
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPOSITORY_ROOT, maxBuffer: 16 * 1024 * 1024 });
  for (const file of stdout.split('\0').filter(Boolean)) {
    // A file deleted in the working tree is still listed until the deletion is staged.
    if (!(await exists(join(REPOSITORY_ROOT, file)))) continue;
    await cp(join(REPOSITORY_ROOT, file), join(copy, file));
  }
  await linkNodeModules(join(REPOSITORY_ROOT, 'node_modules'), join(copy, 'node_modules'));
  for (const name of await readdir(join(REPOSITORY_ROOT, 'packages'))) {
    const installed = join(REPOSITORY_ROOT, 'packages', name, 'node_modules');
    if (await exists(installed)) await symlink(installed, join(copy, 'packages', name, 'node_modules'), 'dir');
  }
  return copy;
}

/**
 * Each installed package linked from the copy. Links that npm made relative (the workspaces, the
 * bins) stay relative, so the SDK resolves to the copy's own packages/event-sourcing, inside the
 * paths the layer rules check.
 */
async function linkNodeModules(from: string, to: string): Promise<void> {
  await mkdir(to);
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name.startsWith('@')) {
      await linkNodeModules(join(from, entry.name), join(to, entry.name));
      continue;
    }
    const target = entry.isSymbolicLink() ? await readlink(join(from, entry.name)) : undefined;
    await symlink(target !== undefined && !isAbsolute(target) ? target : join(from, entry.name), join(to, entry.name));
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const WRITE_SLICE = 'packages/api/src/module/write/participant-full-name';
const READ_SLICE = 'packages/api/src/module/read/participant-full-names';
const AUTOMATION = 'packages/api/src/module/automation/when-user-registration-was-completed-then-grant-admin-role';

/**
 * CI's check of the generator: one slice of each kind generated into a copy of the repository must
 * compile, pass lint and the layer rules, and pass its own specs, with nothing filled in by hand.
 */
describe('slice generator', () => {
  let copy: string;
  const generated: Outcome[] = [];
  beforeAll(async () => {
    copy = await copyOfRepository();
    // New contracts (write slice), one reused and one new event (read slice), reused event and command (automation).
    for (const args of [
      ['write-slice', 'participant-full-name', '--command', 'ChangeFullName', '--event', 'FullNameWasChanged', '--stream', 'Participant'],
      ['read-slice', 'participant-full-names', '--events', 'FullNameWasChanged,FullNameWasCleared'],
      ['automation', '--on', 'UserRegistrationWasCompleted', '--send', 'GrantAdminRole'],
    ]) {
      generated.push(await runIn(copy, 'npm', ['run', '--silent', 'generate', '--', ...args]));
    }
  }, 60_000);
  afterAll(async () => {
    if (copy !== undefined) await rm(copy, { recursive: true, force: true });
  });

  it('given a write slice, a read slice and an automation generated, then each is created and registered once', async () => {
    for (const outcome of generated) expect(outcome, outcome.output).toMatchObject({ exitCode: 0 });
    const appModule = await readFile(join(copy, 'packages/api/src/app.module.ts'), 'utf8');
    for (const module of ['ParticipantFullNamesReadModule', 'WhenUserRegistrationWasCompletedThenGrantAdminRole']) {
      expect(appModule.match(new RegExp(`^  ${module},$`, 'gm'))).toHaveLength(1);
    }
    const writeSlices = await readFile(join(copy, 'packages/api/src/module/write/write-slices.module.ts'), 'utf8');
    expect(writeSlices.match(/^ {2}\{ handlers: \[ChangeFullNameCommandHandler\], controllers: \[ParticipantFullNameController\] \},$/gm)).toHaveLength(1);
    expect((await readdir(join(copy, 'packages/api/drizzle'))).filter((file) => file.endsWith('_participant_full_names.sql'))).toHaveLength(1);
  });

  it('then the project still compiles and passes lint and the layer rules', async () => {
    const typecheck = await runIn(copy, 'npx', ['tsc', '-p', 'packages/api/tsconfig.json']);
    expect(typecheck, typecheck.output).toMatchObject({ exitCode: 0 });
    const lint = await runIn(copy, 'npx', ['eslint', WRITE_SLICE, READ_SLICE, AUTOMATION, 'packages/api/src/module/shared', 'packages/api/src/module/write/write-slices.module.ts', 'packages/api/src/app.module.ts']);
    expect(lint, lint.output).toMatchObject({ exitCode: 0 });
    const layers = await runIn(copy, 'npm', ['run', '--silent', 'lint:layers', '--workspace', 'packages/api']);
    expect(layers, layers.output).toMatchObject({ exitCode: 0 });
  }, 120_000);

  it('then the generated specs pass: decision and automation in memory, projection on PostgreSQL', async () => {
    const inMemory = await runIn(copy, 'npx', ['vitest', 'run', '--project', 'unit', WRITE_SLICE, AUTOMATION]);
    expect(inMemory, inMemory.output).toMatchObject({ exitCode: 0 });
    expect(inMemory.output).toMatch(/Test Files {2}2 passed \(2\)/);
    const onPostgres = await runIn(copy, 'npx', ['vitest', 'run', '--project', 'int', READ_SLICE]);
    expect(onPostgres, onPostgres.output).toMatchObject({ exitCode: 0 });
    expect(onPostgres.output).toMatch(/Test Files {2}1 passed \(1\)/);
  }, 120_000);

  it('given bad arguments, then exit code 1 with the reason and the usage, and nothing written', async () => {
    const writeSlices = join(copy, 'packages/api/src/module/write/write-slices.module.ts');
    const before = await readFile(writeSlices, 'utf8');
    const outcome = await runIn(copy, 'npm', ['run', '--silent', 'generate', '--', 'write-slice', 'participant-full-name', '--command', 'ChangeFullName', '--event', 'FullNameWasChanged', '--stream', 'Participant']);

    expect(outcome.exitCode).toBe(1);
    expect(outcome.output).toContain(`${WRITE_SLICE.replace('packages/api/', '')} exists already`);
    expect(outcome.output).toContain('Usage:');
    expect(await readFile(writeSlices, 'utf8')).toBe(before);
  });
});
