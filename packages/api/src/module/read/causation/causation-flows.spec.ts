import type { ApplicationEvent } from '@coderscamp/event-sourcing';
import { describe, expect, it } from 'vitest';
import { flowSummary, latestCorrelationIds } from './causation-flows';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');

/** A stored event of `correlationId` at global position `position`, `ms` after T0, produced by command `causationId`. */
function stored(position: number, correlationId: string, streamName: string, ms: number, causationId = `command-${position}`, command: Record<string, unknown> = {}): ApplicationEvent {
  return {
    id: `event-${position}`,
    type: 'SomethingHappened',
    data: {},
    metadata: { correlationId, causationId, command },
    occurredAt: new Date(T0 + ms),
    streamName,
    streamVersion: 1,
    globalPosition: BigInt(position),
    transactionId: BigInt(position),
    schemaVersion: 1,
  } as ApplicationEvent;
}

describe('causation flows', () => {
  it('given a flow whose request command is traced, then it starts when that command was issued and lasts until its last event, counting its events and distinct streams', () => {
    const events = [
      stored(1, 'request-1', 'UserRegistration_1', 10, 'register', { type: 'RegisterUser', issuedAt: new Date(T0).toISOString() }),
      stored(2, 'request-1', 'UserRegistration_1', 12, 'register', { type: 'RegisterUser', issuedAt: new Date(T0).toISOString() }),
      stored(3, 'request-1', 'EmailConfirmation_1', 70, 'confirm', { type: 'RequestEmailConfirmation', issuedAt: new Date(T0 + 40).toISOString(), causationId: 'event-1' }),
    ];

    expect(flowSummary('request-1', events)).toEqual({
      correlationId: 'request-1',
      firstCommand: 'RegisterUser',
      startedAt: new Date(T0),
      durationMs: 70,
      events: 3,
      streams: 2,
    });
  });

  it('given events without command traces, then the flow has no first command and starts at its first event', () => {
    expect(flowSummary('old', [stored(5, 'old', 'Stream_a', 30), stored(6, 'old', 'Stream_a', 35)])).toEqual({
      correlationId: 'old',
      firstCommand: null,
      startedAt: new Date(T0 + 30),
      durationMs: 5,
      events: 2,
      streams: 1,
    });
  });

  it('given the events of a stream from three flows, then their correlation ids come newest first by each flow\'s first event among them, cut at the limit', () => {
    const events = [stored(1, 'first', 'S_1', 0), stored(4, 'second', 'S_1', 0), stored(7, 'first', 'S_1', 0), stored(9, 'third', 'S_1', 0)];

    expect(latestCorrelationIds(events, 10)).toEqual(['third', 'second', 'first']);
    expect(latestCorrelationIds(events, 2)).toEqual(['third', 'second']);
  });

  it('given events found out of log order (a user\'s streams one after another), then each flow is placed by its earliest event', () => {
    const events = [stored(8, 'login', 'UserSession_1', 0), stored(2, 'registration', 'UserRegistration_1', 0), stored(6, 'approval', 'UserRegistration_1', 0), stored(3, 'registration', 'EmailConfirmation_1', 0)];

    expect(latestCorrelationIds(events, 10)).toEqual(['login', 'approval', 'registration']);
  });

  it('given an event without a correlation id in its metadata, then it belongs to no flow', () => {
    const untraced = { ...stored(3, 'x', 'S_1', 0), metadata: { causationId: 'c' } } as unknown as ApplicationEvent;

    expect(latestCorrelationIds([stored(1, 'traced', 'S_1', 0), untraced], 10)).toEqual(['traced']);
  });
});
