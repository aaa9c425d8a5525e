import { randomUUID } from 'node:crypto';
import type { EventStore } from '../core/event-store';
import type { DomainEvent, EventToAppend } from '../core/events';
import { ANY } from '../core/expected-version';
import { StreamName } from '../core/stream-name';
import type { TimeProvider } from '../core/time-provider';

/** Tags events a specification appends itself, so assertions can tell them from the slice's own. */
export const GIVEN_CORRELATION_ID = 'given';

export async function appendGivenEvents(
  eventStore: EventStore,
  timeProvider: TimeProvider,
  streamName: string,
  events: readonly DomainEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const toAppend = events.map((event) => ({
    type: event.type,
    data: event.data,
    id: randomUUID(),
    metadata: { correlationId: GIVEN_CORRELATION_ID, causationId: GIVEN_CORRELATION_ID },
    occurredAt: timeProvider.currentTime(),
  })) as EventToAppend[];
  await eventStore.appendToStream(StreamName.parse(streamName), toAppend, { expectedVersion: ANY });
}
