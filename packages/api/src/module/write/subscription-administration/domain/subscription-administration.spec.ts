import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, it } from 'vitest';
import type { ParkedEventReplayOutcome, ReplayParkedEvent } from '../../../shared/commands/replay-parked-event.command';
import type { SkipParkedEvent } from '../../../shared/commands/skip-parked-event.command';
import type { SubscriptionAdministrationDomainEvent } from './events';
import { replayParkedEvent } from './replay-parked-event';
import { skipParkedEvent } from './skip-parked-event';

const subscriptionId = 'CourseProgressReadModel_v1';
const eventId = '0b0e5c7e-3c2e-4f0e-9d55-2f1d7f5b9a01';
const adminId = '5a4e7f43-0f57-4f6f-bb0a-8f3e7e1c2d10';

const replayed = (outcome: ParkedEventReplayOutcome) =>
  DeciderSpecification.for((events: SubscriptionAdministrationDomainEvent[], command: ReplayParkedEvent) => replayParkedEvent(events, command, outcome));
const replay: ReplayParkedEvent = { type: 'ReplayParkedEvent', data: { subscriptionId, eventId, adminId } };

describe('subscription administration', () => {
  it('given the handler took the parked event, when replaying it, then it was replayed and handled, by the admin', () => {
    replayed({ handled: true })([])
      .when(replay)
      .then([{ type: 'ParkedEventWasReplayed', data: { subscriptionId, eventId, replayedBy: adminId, outcome: 'handled', error: null } }]);
  });

  it('given the handler failed again, when replaying the parked event, then the replay is recorded as still failing, with the error', () => {
    replayed({ handled: false, error: 'course missing', attempts: 4 })([])
      .when(replay)
      .then([{ type: 'ParkedEventWasReplayed', data: { subscriptionId, eventId, replayedBy: adminId, outcome: 'still-failing', error: 'course missing' } }]);
  });

  it('given an event skipped before, when skipping a parked event, then it was skipped, by the admin', () => {
    const skip: SkipParkedEvent = { type: 'SkipParkedEvent', data: { subscriptionId, eventId, adminId } };
    DeciderSpecification.for(skipParkedEvent)([{ type: 'ParkedEventWasSkipped', data: { subscriptionId, eventId: 'other', skippedBy: adminId } }])
      .when(skip)
      .then([{ type: 'ParkedEventWasSkipped', data: { subscriptionId, eventId, skippedBy: adminId } }]);
  });
});
