import { Injectable } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import { ApiDocument } from '../api-docs/api-document';
import { AppConfig } from '../config/app-config';
import { buildEventModel } from './build-event-model';
import type { EventModel } from './event-model';
import { EVENT_MODEL_EXCEPTIONS } from './event-model-exceptions';
import { runtimeFactsOf } from './runtime-facts';
import { DEFAULT_SOURCE_FACTS_FILE, readSourceFacts } from './source-facts-file';

/** The Event Model of this application: what it registers, joined with the facts its build read from the sources. */
@Injectable()
export class EventModelService {
  private model: Promise<EventModel> | undefined;

  constructor(
    private readonly modules: ModulesContainer,
    private readonly subscriptions: EventsSubscriptionsFactory<unknown>,
    private readonly apiDocument: ApiDocument,
    private readonly config: AppConfig,
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

  private async build(): Promise<EventModel> {
    const sources = await readSourceFacts(this.config.eventModelSourcesFile ?? DEFAULT_SOURCE_FACTS_FILE);
    const runtime = runtimeFactsOf(this.modules, this.subscriptions, this.apiDocument.current());
    return buildEventModel(runtime, sources, EVENT_MODEL_EXCEPTIONS);
  }
}
