import { randomUUID } from 'node:crypto';

export interface IdGenerator {
  generate(): string;
}

export const uuidIdGenerator: IdGenerator = { generate: () => randomUUID() };

/**
 * Deterministic UUID-shaped ids (`00000000-0000-4000-8000-000000000001`, …) so tests can name
 * the ids a command will produce.
 */
export class SequentialIdGenerator implements IdGenerator {
  private counter = 0;

  constructor(private readonly prefix = '00000000-0000-4000-8000-') {}

  generate(): string {
    this.counter += 1;
    return `${this.prefix}${this.counter.toString().padStart(12, '0')}`;
  }

  /** The id the n-th call (1-based) returns. */
  nth(n: number): string {
    return `${this.prefix}${n.toString().padStart(12, '0')}`;
  }
}
