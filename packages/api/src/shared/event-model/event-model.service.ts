import { Injectable } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import { ApiDocument } from '../api-docs/api-document';
import { AppConfig } from '../config/app-config';
import { AppMetrics } from '../metrics/app-metrics';
import { buildEventModel } from './build-event-model';
import type { EventModel } from './event-model';
import { eventModelFigures, type EventModelFigures } from './event-model-figures';
import { EVENT_MODEL_DESCRIPTION } from './event-model-description';
import { EVENT_MODEL_EXCEPTIONS } from './event-model-exceptions';
import { runtimeFactsOf } from './runtime-facts';
import { DEFAULT_SOURCE_FACTS_FILE, readSourceFacts } from './source-facts-file';

/** The Event Model of this application: what it registers, joined with the facts its build read from the sources. */
@Injectable()
export class EventModelService {
  private model: Promise<EventModel> | undefined;
  private readonly countedSince = new Date();

  constructor(
    private readonly modules: ModulesContainer,
    private readonly subscriptions: EventsSubscriptionsFactory<unknown>,
    private readonly apiDocument: ApiDocument,
    private readonly config: AppConfig,
    private readonly metrics: AppMetrics,
  ) {}

  /** Built on first use, after every module has registered its handlers and subscriptions; the code does not change while it runs. */
  current(): Promise<EventModel> {
    this.model ??= this.build().catch((error: unknown) => {
      // A build that writes the facts later may still succeed: do not keep the failure.
      this.model = undefined;
      throw error;
    });
    return this.model;
  }

  /** The live figures: the command counters of the metrics, and the subscriptions' statuses as the SDK reports them. */
  async figures(): Promise<EventModelFigures> {
    const [handled, rejected, statuses] = await Promise.all([
      this.metrics.commandsHandled.get(),
      this.metrics.commandsRejected.get(),
      this.subscriptions.statuses(),
    ]);
    return eventModelFigures(this.countedSince, handled.values, rejected.values, statuses);
  }

  private async build(): Promise<EventModel> {
    const sources = await readSourceFacts(this.config.eventModelSourcesFile ?? DEFAULT_SOURCE_FACTS_FILE);
    const runtime = runtimeFactsOf(this.modules, this.subscriptions, this.apiDocument.current());
    return buildEventModel(runtime, sources, EVENT_MODEL_EXCEPTIONS, EVENT_MODEL_DESCRIPTION);
  }
}
