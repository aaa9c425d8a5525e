import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService, TimeProvider } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE, TIME_PROVIDER } from '@coderscamp/event-sourcing/nestjs';
import { RequestSubscriptionRebuildApplicationCommand, type SubscriptionRebuildRequest } from '../../../shared/commands/request-subscription-rebuild.command';
import { subscriptionAdministrationStream, type SubscriptionAdministrationDomainEvent } from '../domain/events';
import { requestSubscriptionRebuild } from '../domain/request-subscription-rebuild';
import { SUBSCRIPTION_REBUILDS_PORT, type SubscriptionRebuildsPort } from './subscription-rebuilds.port';

/** Records the request first, then resets: a refused request (one under way) resets nothing. */
@CommandHandler(RequestSubscriptionRebuildApplicationCommand)
export class RequestSubscriptionRebuildCommandHandler implements ICommandHandler<RequestSubscriptionRebuildApplicationCommand, SubscriptionRebuildRequest> {
  constructor(
    @Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService,
    @Inject(SUBSCRIPTION_REBUILDS_PORT) private readonly rebuilds: SubscriptionRebuildsPort,
    @Inject(TIME_PROVIDER) private readonly time: TimeProvider,
  ) {}

  async execute(command: RequestSubscriptionRebuildApplicationCommand): Promise<SubscriptionRebuildRequest> {
    const { subscriptionId } = command.data;
    const checkpoint = await this.rebuilds.checkpoint(subscriptionId);
    const log = await this.rebuilds.logToReplay();
    const now = this.time.currentTime();
    await this.applicationService.handle<SubscriptionAdministrationDomainEvent>(subscriptionAdministrationStream(subscriptionId), command, (pastEvents) =>
      requestSubscriptionRebuild(pastEvents, command, { checkpoint, endOfLog: log.endOfLog, eventsInLog: log.events, now }),
    );
    await this.rebuilds.rebuild(subscriptionId);
    return { requestedAt: now.toISOString(), eventsToReplay: log.events };
  }
}
