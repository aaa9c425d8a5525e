import { subscriptionStatus } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it } from 'vitest';
import { eventModelFigures } from './event-model-figures';

describe('the live figures of the Event Model', () => {
  it('given counters by outcome and by code, then each command type has its executions, successes and failures by code', () => {
    const figures = eventModelFigures(
      new Date('2026-12-04T10:00:00.000Z'),
      [
        { value: 3, labels: { type: 'RegisterUser', outcome: 'success' } },
        { value: 2, labels: { type: 'RegisterUser', outcome: 'rejected' } },
        { value: 1, labels: { type: 'RegisterUser', outcome: 'conflict' } },
        { value: 1, labels: { type: 'CreateCourse', outcome: 'success' } },
      ],
      [
        { value: 2, labels: { type: 'RegisterUser', code: 'EMAIL_ALREADY_REGISTERED' } },
        { value: 1, labels: { type: 'RegisterUser', code: 'CONCURRENCY_CONFLICT' } },
      ],
      [],
    );

    expect(figures).toEqual({
      countedSince: '2026-12-04T10:00:00.000Z',
      commands: [
        { type: 'CreateCourse', handled: 1, succeeded: 1, rejected: {} },
        { type: 'RegisterUser', handled: 6, succeeded: 3, rejected: { EMAIL_ALREADY_REGISTERED: 2, CONCURRENCY_CONFLICT: 1 } },
      ],
      subscriptions: [],
    });
  });

  it("given subscription statuses, then each has its state, lag and parked events, by id, and nothing of this instance's lease", () => {
    const figures = eventModelFigures(new Date(0), [], [], [subscriptionStatus({ subscriptionId: 'Zeta_v1', state: 'failed', parkedEvents: 2 }), subscriptionStatus({ subscriptionId: 'Alpha_v1', lagEvents: 5, lagSeconds: 1.5 })]);

    expect(figures.subscriptions).toEqual([
      { subscriptionId: 'Alpha_v1', state: 'live', lagEvents: 5, lagSeconds: 1.5, parkedEvents: 0 },
      { subscriptionId: 'Zeta_v1', state: 'failed', lagEvents: 0, lagSeconds: 0, parkedEvents: 2 },
    ]);
  });
});
