import { deepStrictEqual, fail } from 'node:assert/strict';
import { CommandBus } from '@nestjs/cqrs';
import type { TestingModule } from '@nestjs/testing';
import type { AbstractApplicationCommand } from '../application/application-command';
import type { DomainCommand, DomainEvent } from '../core/events';
import { SequentialIdGenerator } from '../core/id-generator';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { StreamName } from '../core/stream-name';
import { FixedTimeProvider } from '../core/time-provider';
import { InMemorySubscriptionStore } from '../subscriptions/in-memory-subscription-store';
import { appendGivenEvents, GIVEN_CORRELATION_ID } from './given-events';
import { compileSliceModule, type SliceTestingOptions } from './nest-testing-module';

/**
 * Given/when/then for a write slice, through its real module: the command goes over the CommandBus
 * to the slice's handler, the application service and an in-memory event store.
 *
 * `spec.givenEventsOccurred(stream, events)`, `await spec.whenCommandExecuted(command)`,
 * `await spec.thenEventsPublished(stream, events)` or `await spec.thenCommandFailed(ErrorClass)`.
 */
export class WriteModuleSpecification {
  readonly eventStore = new InMemoryEventStore();
  readonly timeProvider = new FixedTimeProvider();
  readonly idGenerator = new SequentialIdGenerator();
  private outcome: { error?: unknown } | null = null;

  private constructor(private moduleRef: TestingModule | null) {}

  static async for(options: SliceTestingOptions): Promise<WriteModuleSpecification> {
    const spec = new WriteModuleSpecification(null);
    spec.moduleRef = await compileSliceModule(options, {
      eventStore: spec.eventStore,
      subscriptionStore: new InMemorySubscriptionStore() as never,
      timeProvider: spec.timeProvider,
      idGenerator: spec.idGenerator,
    });
    return spec;
  }

  get module(): TestingModule {
    if (!this.moduleRef) throw new Error('Specification is closed');
    return this.moduleRef;
  }

  async givenEventsOccurred(streamName: string, events: DomainEvent[]): Promise<this> {
    await appendGivenEvents(this.eventStore, this.timeProvider, streamName, events);
    return this;
  }

  async whenCommandExecuted(command: AbstractApplicationCommand<DomainCommand, unknown>): Promise<this> {
    this.outcome = {};
    try {
      await this.module.get(CommandBus).execute(command);
    } catch (error) {
      this.outcome = { error };
    }
    return this;
  }

  /** The events the command appended to `streamName`, as domain events (type and data). */
  async thenEventsPublished(streamName: string, expected: DomainEvent[]): Promise<void> {
    const error = this.requireOutcome().error;
    if (error) fail(`Expected events but the command failed: ${String(error)}`);
    deepStrictEqual(await this.newEventsOn(streamName), expected);
  }

  async thenNothingPublished(streamName: string): Promise<void> {
    const error = this.requireOutcome().error;
    if (error) fail(`Expected no events and no failure, but the command failed: ${String(error)}`);
    deepStrictEqual(await this.newEventsOn(streamName), []);
  }

  async thenCommandFailed<T extends Error>(errorClass: abstract new (...args: never[]) => T, check?: (error: T) => void): Promise<void> {
    const { error } = this.requireOutcome();
    if (!(error instanceof errorClass)) fail(`Expected ${errorClass.name} but got ${error === undefined ? 'success' : String(error)}`);
    check?.(error as T);
  }

  async close(): Promise<void> {
    await this.moduleRef?.close();
    this.moduleRef = null;
  }

  private async newEventsOn(streamName: string): Promise<DomainEvent[]> {
    const { events } = await this.eventStore.readStream(StreamName.parse(streamName));
    const whenEvents = events.filter((event) => event.metadata.correlationId !== GIVEN_CORRELATION_ID);
    return whenEvents.map((event) => ({ type: event.type, data: event.data }));
  }

  private requireOutcome(): { error?: unknown } {
    if (!this.outcome) throw new Error('Call whenCommandExecuted before asserting');
    return this.outcome;
  }
}
