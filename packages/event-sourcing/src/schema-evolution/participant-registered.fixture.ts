import { randomUUID } from 'node:crypto';
import type { DomainEvent, EventToAppend } from '../core/events';
import type { Upcaster } from './upcaster';

/**
 * An event type that changed shape twice, for the schema-evolution tests:
 * v1 `{ name }` → v2 `{ firstName, lastName }` → v3 adds `registeredAt`, taken from the envelope.
 */
export type ParticipantRegisteredV1 = DomainEvent<'ParticipantRegistered', { name: string }>;
export type ParticipantRegisteredV2 = DomainEvent<'ParticipantRegistered', { firstName: string; lastName: string }>;
export type ParticipantRegistered = DomainEvent<'ParticipantRegistered', { firstName: string; lastName: string; registeredAt: string }>;

export const REGISTERED_AT = new Date('2026-02-01T09:00:00.000Z');

/** Upcasters in the order a registry must not rely on, counting their calls. */
export function participantUpcasters(): { upcasters: Upcaster[]; calls: () => number } {
  let calls = 0;
  const upcasters: Upcaster[] = [
    {
      eventType: 'ParticipantRegistered',
      fromVersion: 2,
      upcast: (data: ParticipantRegisteredV2['data'], event): ParticipantRegistered['data'] => {
        calls += 1;
        return { ...data, registeredAt: event.occurredAt.toISOString() };
      },
    },
    {
      eventType: 'ParticipantRegistered',
      fromVersion: 1,
      upcast: (data: ParticipantRegisteredV1['data']): ParticipantRegisteredV2['data'] => {
        calls += 1;
        const [firstName = '', ...rest] = data.name.split(' ');
        return { firstName, lastName: rest.join(' ') };
      },
    },
  ];
  return { upcasters, calls: () => calls };
}

export function registered<E extends DomainEvent>(data: E['data'], schemaVersion?: number): EventToAppend<E> {
  return {
    type: 'ParticipantRegistered',
    data,
    id: randomUUID(),
    metadata: { correlationId: 'correlation-1', causationId: 'command-1' },
    occurredAt: REGISTERED_AT,
    ...(schemaVersion === undefined ? {} : { schemaVersion }),
  } as EventToAppend<E>;
}

/** What every stored shape of Ada's registration reads as. */
export const ADA_V3: ParticipantRegistered['data'] = { firstName: 'Ada', lastName: 'Lovelace', registeredAt: REGISTERED_AT.toISOString() };
