import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it } from 'vitest';
import type { RequestSubscriptionRebuild } from '../../../shared/commands/request-subscription-rebuild.command';
import type { ParkedEventReplayOutcome, ReplayParkedEvent } from '../../../shared/commands/replay-parked-event.command';
import type { SkipParkedEvent } from '../../../shared/commands/skip-parked-event.command';
import { SubscriptionRebuildUnderWay } from './errors';
import type { SubscriptionAdministrationDomainEvent } from './events';
import { requestSubscriptionRebuild, type RebuildContext } from './request-subscription-rebuild';
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

  describe('requesting a rebuild', () => {
    const now = new Date('2026-12-04T11:00:00.000Z');
    const endOfLog = { transactionId: '900', globalPosition: '120' };
    const request: RequestSubscriptionRebuild = { type: 'RequestSubscriptionRebuild', data: { subscriptionId, adminId } };
    const earlier: SubscriptionAdministrationDomainEvent = {
      type: 'SubscriptionRebuildWasRequested',
      data: { subscriptionId, requestedBy: adminId, requestedAt: '2026-12-04T10:00:00.000Z', eventsToReplay: 100, replayTo: { transactionId: '800', globalPosition: '100' } },
    };
    const requested = (context: Partial<RebuildContext>) =>
      DeciderSpecification.for((events: SubscriptionAdministrationDomainEvent[], command: RequestSubscriptionRebuild) =>
        requestSubscriptionRebuild(events, command, { checkpoint: endOfLog, endOfLog, eventsInLog: 120, now, ...context }),
      );
    const rebuildRequested: SubscriptionAdministrationDomainEvent = { type: 'SubscriptionRebuildWasRequested', data: { subscriptionId, requestedBy: adminId, requestedAt: now.toISOString(), eventsToReplay: 120, replayTo: endOfLog } };

    it('given no rebuild before, when an admin requests one, then it is requested by the admin, now, replaying the log up to its end', () => {
      requested({})([]).when(request).then([rebuildRequested]);
    });

    it('given a rebuild whose checkpoint has passed the end of the log it replayed, when requesting another, then it is requested', () => {
      requested({ checkpoint: { transactionId: '800', globalPosition: '100' } })([earlier]).when(request).then([rebuildRequested]);
    });

    it('given a rebuild whose checkpoint is still short of the end of the log it replays, when requesting another, then it is refused as under way', () => {
      requested({ checkpoint: { transactionId: '800', globalPosition: '99' } })([earlier])
        .when(request)
        .thenThrows(SubscriptionRebuildUnderWay, (error) => expect(error.requestedAt).toBe('2026-12-04T10:00:00.000Z'));
    });

    it('given a rebuild whose reset no instance has picked up (no checkpoint yet), when requesting another, then it is refused as under way', () => {
      requested({ checkpoint: null })([earlier]).when(request).thenThrows(SubscriptionRebuildUnderWay);
    });

    it('given a checkpoint in a later transaction but at a lower global position, when requesting another, then the earlier rebuild counts as finished', () => {
      requested({ checkpoint: { transactionId: '801', globalPosition: '50' } })([earlier]).when(request).then([rebuildRequested]);
    });
  });
});
