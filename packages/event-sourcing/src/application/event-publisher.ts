import type { ApplicationEvent } from '../core/events';

/** In-process publication after an append. Best effort by design: durable work uses subscriptions. */
export interface EventPublisher {
  publish(events: readonly ApplicationEvent[]): void;
}

export const noEventPublisher: EventPublisher = { publish: () => undefined };

/** What the publisher needs of an emitter: NestJS's `EventEmitter2` is one, and the SDK need not depend on it. */
export type NamedEventEmitter = Readonly<{ emit(eventName: string, ...values: unknown[]): unknown }>;

/** Emits `'<Category>.<EventType>'`, so listeners can use `'<Category>.*'` wildcards. */
export class EventEmitterPublisher implements EventPublisher {
  constructor(
    private readonly emitter: NamedEventEmitter,
    private readonly onListenerError: (error: unknown, event: ApplicationEvent) => void = () => undefined,
  ) {}

  publish(events: readonly ApplicationEvent[]): void {
    for (const event of events) {
      const category = event.streamName.slice(0, event.streamName.indexOf('_'));
      try {
        this.emitter.emit(`${category}.${event.type}`, event);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }
}
