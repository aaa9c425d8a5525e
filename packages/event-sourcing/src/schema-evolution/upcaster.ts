import { UpcasterDefinitionError } from '../core/errors';
import type { ApplicationEvent } from '../core/events';

/**
 * Lifts the data of one event type stored at `fromVersion` to the shape of `fromVersion + 1`:
 * `{ eventType: 'TaskWasCompleted', fromVersion: 1, upcast: (data) => ({ ...data, score: null }) }`.
 */
export type Upcaster = Readonly<{
  eventType: string;
  /** Lifts data stored at `fromVersion` to `fromVersion + 1`. Pure. */
  fromVersion: number;
  /** Gets the data at `fromVersion` and the event carrying it, for its envelope (stream, metadata, time). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each step sees a shape no one type names: the data as stored at its version
  upcast: (data: any, event: ApplicationEvent) => unknown;
}>;

/** Per event type, its upcasters in order: the one at index i lifts version i + 1. */
export type UpcasterChains = ReadonlyMap<string, readonly Upcaster[]>;

/**
 * Orders the upcasters of each type into a chain from version 1, refusing what could not be read
 * in one way only: a version below 1, two upcasters from one version, or a gap in the chain.
 */
export function upcasterChains(upcasters: readonly Upcaster[]): UpcasterChains {
  const byType = new Map<string, Upcaster[]>();
  for (const upcaster of upcasters) {
    if (!Number.isInteger(upcaster.fromVersion) || upcaster.fromVersion < 1) {
      throw new UpcasterDefinitionError(`Upcaster of "${upcaster.eventType}" lifts from version ${upcaster.fromVersion}; versions are whole numbers from 1`);
    }
    byType.set(upcaster.eventType, [...(byType.get(upcaster.eventType) ?? []), upcaster]);
  }
  return new Map([...byType].map(([eventType, chain]) => [eventType, contiguousChain(eventType, chain)]));
}

function contiguousChain(eventType: string, upcasters: readonly Upcaster[]): readonly Upcaster[] {
  const chain = [...upcasters].sort((a, b) => a.fromVersion - b.fromVersion);
  chain.forEach((upcaster, index) => {
    if (upcaster.fromVersion === chain[index - 1]?.fromVersion) {
      throw new UpcasterDefinitionError(`Two upcasters of "${eventType}" lift from version ${upcaster.fromVersion}`);
    }
    if (upcaster.fromVersion !== index + 1) {
      throw new UpcasterDefinitionError(`Upcasters of "${eventType}" have a gap: nothing lifts version ${index + 1} to ${index + 2}`);
    }
  });
  return chain;
}
