import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { ReplayParkedEventApplicationCommand, type ParkedEventReplayOutcome } from '../../../shared/commands/replay-parked-event.command';
import { subscriptionAdministrationStream, type SubscriptionAdministrationDomainEvent } from '../domain/events';
import { replayParkedEvent } from '../domain/replay-parked-event';
import { PARKED_EVENTS_PORT, type ParkedEventsPort } from './parked-events.port';

/** Replays first, then records what came of it: the record says what happened, not what was asked. */
@CommandHandler(ReplayParkedEventApplicationCommand)
export class ReplayParkedEventCommandHandler implements ICommandHandler<ReplayParkedEventApplicationCommand, ParkedEventReplayOutcome> {
  constructor(
    @Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService,
    @Inject(PARKED_EVENTS_PORT) private readonly parkedEvents: ParkedEventsPort,
  ) {}

  async execute(command: ReplayParkedEventApplicationCommand): Promise<ParkedEventReplayOutcome> {
    const { subscriptionId, eventId } = command.data;
    const outcome = await this.parkedEvents.replay(subscriptionId, eventId);
    await this.applicationService.handle<SubscriptionAdministrationDomainEvent>(subscriptionAdministrationStream(subscriptionId), command, (pastEvents) =>
      replayParkedEvent(pastEvents, command, outcome),
    );
    return outcome;
  }
}
