import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PACKAGE_DIRECTORY } from './package-directory';

const READ_TABLE = 'src/module/read/shared/auth-users.table.ts';
const SUBSCRIPTION_IDS = 'src/module/read/shared/read-model-subscription-ids.ts';
const INFRASTRUCTURE = 'src/module/write/course/infrastructure/clock.adapter.ts';

/** One import each: from, to, and the rules it breaks (none: it is allowed). */
const IMPORTS: ReadonlyArray<readonly [from: string, to: string, breaks: readonly string[]]> = [
  ['src/module/write/password-change/presentation/rest/password-change.controller.ts', READ_TABLE, ['read-models-only-where-needed']],
  ['src/module/write/password-change/application/change-password.command-handler.ts', READ_TABLE, ['read-models-only-where-needed']],
  ['src/shared/errors/errors.module.ts', READ_TABLE, ['read-models-only-where-needed']],
  ['src/module/write/password-change/presentation/rest/password-change.controller.ts', SUBSCRIPTION_IDS, []],
  ['src/module/write/password-change/infrastructure/auth-users.credentials-adapter.ts', READ_TABLE, []],
  ['src/module/write/password-change/password-change.write-module.int-spec.ts', READ_TABLE, []],
  ['src/module/automation/when-a-then-b/when-a-then-b.automation.ts', READ_TABLE, []],
  ['src/module/read/auth-users/auth-users.projection.ts', READ_TABLE, []],
  ['src/shared/auth/role-lookup.ts', READ_TABLE, []],
  ['src/module/write/course/domain/create-course.ts', INFRASTRUCTURE, ['domain-is-pure']],
  ['src/module/write/course/presentation/rest/course.controller.ts', INFRASTRUCTURE, ['presentation-does-not-use-infrastructure']],
  ['src/module/write/course/application/create-course.command-handler.ts', 'src/module/write/user-roles/domain/events.ts', ['no-cross-slice-imports']],
  ['src/module/read/courses/courses.projection.ts', 'src/module/write/course/domain/events.ts', ['no-cross-slice-imports', 'read-and-automation-do-not-reach-into-write']],
  ['src/module/write/course/course.write-module.ts', INFRASTRUCTURE, []],
  ['src/module/write/shared/shared.module.ts', 'src/module/write/user-roles/domain/events.ts', ['no-cross-slice-imports']],
  ['src/module/read/shared/user-event-feed-position.ts', 'src/module/read/courses/courses.projection.ts', ['no-cross-slice-imports']],
  ['src/module/read/courses/courses.controller.ts', 'src/module/read/shared/user-event-feed-position.ts', []],
];

/** Writes every file the imports name, each importing its targets, under a fresh packages/api look-alike. */
async function writeFixtures(directory: string): Promise<void> {
  const files = new Map<string, string[]>();
  for (const [from, to] of IMPORTS) {
    files.set(from, [...(files.get(from) ?? []), to]);
    files.set(to, files.get(to) ?? []);
  }
  for (const [file, targets] of files) {
    const imports = targets.map((target, index) => {
      const specifier = relative(dirname(file), target).replace(/\.ts$/, '');
      return `import * as dependency${index} from '${specifier.startsWith('.') ? specifier : `./${specifier}`}';\n`;
    });
    await mkdir(join(directory, dirname(file)), { recursive: true });
    await writeFile(join(directory, file), `${imports.join('')}export const uses = [${targets.map((_, index) => `dependency${index}`).join(', ')}];\n`);
  }
}

describe('layer rules (.dependency-cruiser.cjs) over fixture files', () => {
  let directory: string;
  let result: ICruiseResult;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'layer-rules-'));
    await writeFixtures(directory);
    const { forbidden } = await extractDepcruiseConfig(join(API_PACKAGE_DIRECTORY, '.dependency-cruiser.cjs'));
    const cruised = await cruise(['src'], { baseDir: directory, validate: true, ruleSet: { forbidden }, tsPreCompilationDeps: true }, { extensions: ['.ts'] });
    result = cruised.output as ICruiseResult;
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it.each(IMPORTS)('when %s imports %s, then it breaks %j', (from, to, breaks) => {
    const resolved = result.modules.find((module) => module.source === from)?.dependencies.map((dependency) => dependency.resolved);
    expect(resolved).toContain(to);

    const broken = result.summary.violations.filter((violation) => violation.from === from && violation.to === to).map((violation) => violation.rule.name);
    expect(broken.sort()).toEqual([...breaks].sort());
  });
});
