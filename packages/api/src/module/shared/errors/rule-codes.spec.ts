import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainRuleViolation } from './domain-rule-violation';
import { RuleCode } from './rule-codes';

const SOURCE_ROOT = join(__dirname, '../../..');

/** Every rule-violation class the application defines, found by reading the sources rather than by a list kept by hand. */
async function ruleViolationClasses(): Promise<(new () => DomainRuleViolation)[]> {
  const files = (await readdir(SOURCE_ROOT, { recursive: true })).filter((file) => file.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(file));
  const classes: (new () => DomainRuleViolation)[] = [];
  for (const file of files) {
    if (!(await readFile(join(SOURCE_ROOT, file), 'utf8')).includes('extends DomainRuleViolation')) continue;
    const exported: Record<string, unknown> = await import(join(SOURCE_ROOT, file));
    for (const value of Object.values(exported)) {
      if (typeof value === 'function' && value.prototype instanceof DomainRuleViolation) classes.push(value as new () => DomainRuleViolation);
    }
  }
  return classes;
}

// Only `code` is read: the constructor arguments go into the message.
const codeOf = (errorClass: new () => DomainRuleViolation): string => Reflect.construct(errorClass, []).code;

describe('rule codes', () => {
  it('given every rule-violation class, then each code is in the registry and owned by exactly one class, and every registered code has its owner', async () => {
    const classes = await ruleViolationClasses();
    const owners = new Map<string, string[]>();
    for (const errorClass of classes) owners.set(codeOf(errorClass), [...(owners.get(codeOf(errorClass)) ?? []), errorClass.name]);

    expect(classes.length).toBeGreaterThan(0);
    expect([...owners].filter(([, classNames]) => classNames.length > 1)).toEqual([]);
    expect([...owners.keys()].sort()).toEqual(Object.values(RuleCode).sort());
  });

  it('names each code by itself', () => {
    expect(Object.entries(RuleCode).filter(([name, code]) => name !== code)).toEqual([]);
  });
});
