import type { RuleCode } from './rule-codes';

/**
 * How a refused command relates to the state it met; the HTTP edge maps each kind to a status,
 * so domain code never speaks HTTP. `gone`: what the command names existed but has lapsed for
 * good (an expired link), so repeating the command can never succeed.
 */
export type RuleViolationKind = 'conflict' | 'not-found' | 'invalid' | 'forbidden' | 'gone';

/** Base of every business-rule error. `code` is stable: clients and tests match on it. */
export abstract class DomainRuleViolation extends Error {
  abstract readonly code: RuleCode;
  abstract readonly kind: RuleViolationKind;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
