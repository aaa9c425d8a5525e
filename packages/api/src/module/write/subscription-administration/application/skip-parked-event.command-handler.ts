import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { SkipParkedEventApplicationCommand } from '../../../shared/commands/skip-parked-event.command';
import { subscriptionAdministrationStream, type SubscriptionAdministrationDomainEvent } from '../domain/events';
import { skipParkedEvent } from '../domain/skip-parked-event';
import { PARKED_EVENTS_PORT, type ParkedEventsPort } from './parked-events.port';

/** Skips first, then records it: an unknown event is refused before anything is recorded. */
@CommandHandler(SkipParkedEventApplicationCommand)
export class SkipParkedEventCommandHandler implements ICommandHandler<SkipParkedEventApplicationCommand> {
  constructor(
    @Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService,
    @Inject(PARKED_EVENTS_PORT) private readonly parkedEvents: ParkedEventsPort,
  ) {}

  async execute(command: SkipParkedEventApplicationCommand): Promise<void> {
    const { subscriptionId, eventId } = command.data;
    await this.parkedEvents.skip(subscriptionId, eventId);
    await this.applicationService.handle<SubscriptionAdministrationDomainEvent>(subscriptionAdministrationStream(subscriptionId), command, (pastEvents) =>
      skipParkedEvent(pastEvents, command),
    );
  }
}
