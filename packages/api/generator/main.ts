import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { type GenerateRequest, parseArguments, USAGE } from './arguments';
import { planAutomation } from './automation';

import { type Plan, type ProjectFiles, UsageError } from './plan';
import { planReadSlice } from './read-slice';
import { planWriteSlice } from './write-slice';

/** packages/api: generated paths are relative to it. */
const API_DIRECTORY = join(__dirname, '..');
const REPOSITORY_ROOT = join(API_DIRECTORY, '../..');

const projectFiles: ProjectFiles = {
  exists: (path) => existsSync(join(API_DIRECTORY, path)),
  read: (path) => readFileSync(join(API_DIRECTORY, path), 'utf8'),
};

export function main(argv: readonly string[]): number {
  let plan: Plan;
  try {
    plan = planFor(parseArguments(argv));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 1;
  }
  for (const file of [...plan.created, ...plan.edited]) {
    mkdirSync(dirname(join(API_DIRECTORY, file.path)), { recursive: true });
    writeFileSync(join(API_DIRECTORY, file.path), file.content);
  }
  const migration = plan.needsReadModelMigration ? generateReadModelMigration(plan) : [];
  process.stdout.write(report(plan, migration));
  return 0;
}

function planFor(request: GenerateRequest): Plan {
  switch (request.kind) {
    case 'write-slice':
      return planWriteSlice(projectFiles, request);
    case 'read-slice':
      return planReadSlice(projectFiles, request);
    case 'automation':
      return planAutomation(projectFiles, request);
  }
}

/** drizzle-kit compares the tables with its last snapshot, so the new table gets a migration of its own. */
function generateReadModelMigration(plan: Plan): string[] {
  const name = plan.folder.split('/').at(-1)!.replaceAll('-', '_');
  // Its package exports no bin path; the CLI sits beside the main entry.
  const drizzleKit = join(dirname(require.resolve('drizzle-kit', { paths: [API_DIRECTORY] })), 'bin.cjs');
  const run = spawnSync(process.execPath, [drizzleKit, 'generate', '--config', 'drizzle.config.ts', '--name', name], { cwd: API_DIRECTORY, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`drizzle-kit generate failed:\n${run.stdout}${run.stderr}`);
  return [...run.stdout.matchAll(/(drizzle\/\S+\.sql)/g)].map((match) => match[1]!);
}

function report(plan: Plan, migrations: readonly string[]): string {
  const shown = (path: string) => relative(REPOSITORY_ROOT, join(API_DIRECTORY, path));
  const todos = plan.created.flatMap((file) =>
    file.content.split('\n').flatMap((line, index) => {
      const todo = /\/\/ TODO: (.*)$/.exec(line);
      return todo ? [`  ${shown(file.path)}:${index + 1}  ${todo[1]}`] : [];
    }),
  );
  return [
    `Generated ${plan.summary}`,
    ...plan.created.map((file) => `  created  ${shown(file.path)}`),
    ...migrations.map((path) => `  created  ${shown(path)} (read-model migration; drizzle/meta records it)`),
    ...plan.edited.map((file) => `  edited   ${shown(file.path)}`),
    ...plan.reused.map((path) => `  reused   ${shown(path)}`),
    '',
    'To fill in:',
    ...todos,
    '',
    `Check: npm run typecheck && npm run lint && npx vitest run --project ${plan.needsReadModelMigration ? 'int' : 'unit'} ${shown(plan.folder)}`,
    '',
  ].join('\n');
}
