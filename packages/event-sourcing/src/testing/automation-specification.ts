import { deepStrictEqual } from 'node:assert/strict';
import type { TestingModule } from '@nestjs/testing';
import type { AbstractApplicationCommand } from '../application/application-command';
import type { DomainCommand, DomainEvent } from '../core/events';
import { SequentialIdGenerator } from '../core/id-generator';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { FixedTimeProvider } from '../core/time-provider';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { InMemorySubscriptionStore } from '../subscriptions/in-memory-subscription-store';
import { appendGivenEvents } from './given-events';
import { compileSliceModule, type SliceTestingOptions } from './nest-testing-module';

/**
 * When/then for an automation slice: events are appended to an in-memory store, the slice's real
 * durable subscription handles them, and the commands it sends are recorded instead of executed.
 * Waits for the subscription to catch up rather than sleeping.
 */
export class AutomationSpecification {
  readonly eventStore = new InMemoryEventStore();
  readonly timeProvider = new FixedTimeProvider();
  readonly idGenerator = new SequentialIdGenerator();
  readonly executedCommands: AbstractApplicationCommand[] = [];
  private moduleRef: TestingModule | null = null;

  static async for(options: SliceTestingOptions): Promise<AutomationSpecification> {
    const spec = new AutomationSpecification();
    spec.moduleRef = await compileSliceModule(options, {
      eventStore: spec.eventStore,
      subscriptionStore: new InMemorySubscriptionStore() as never,
      timeProvider: spec.timeProvider,
      idGenerator: spec.idGenerator,
      commandBus: {
        execute: async (command: unknown) => {
          spec.executedCommands.push(command as AbstractApplicationCommand);
          return undefined as never;
        },
        // The CQRS module registers the application's handlers on start; none may run here.
        register: () => undefined,
      },
    });
    return spec;
  }

  get module(): TestingModule {
    if (!this.moduleRef) throw new Error('Specification is closed');
    return this.moduleRef;
  }

  /** Appends the events and resolves once every subscription of the module has handled them. */
  async whenEventsOccurred(streamName: string, events: DomainEvent[]): Promise<this> {
    await appendGivenEvents(this.eventStore, this.timeProvider, streamName, events);
    const subscriptions = this.module.get(EventsSubscriptionsFactory).subscriptions();
    await Promise.all(subscriptions.map((subscription) => subscription.caughtUp()));
    return this;
  }

  /** The commands sent since the start, as domain commands (type and data), in order. */
  thenCommandsExecuted(expected: DomainCommand[]): void {
    deepStrictEqual(
      this.executedCommands.map((command) => ({ type: command.type, data: command.data })),
      expected,
    );
  }

  thenNoCommandExecuted(): void {
    this.thenCommandsExecuted([]);
  }

  async close(): Promise<void> {
    await this.moduleRef?.close();
    this.moduleRef = null;
  }
}
