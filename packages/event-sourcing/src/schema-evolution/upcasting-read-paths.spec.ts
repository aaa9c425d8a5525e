import { Module } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AbstractApplicationCommand } from '../application/application-command';
import { ApplicationService } from '../application/application-service';
import type { DomainCommand } from '../core/events';
import { ANY, NO_STREAM } from '../core/expected-version';
import { SequentialIdGenerator } from '../core/id-generator';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { StreamName } from '../core/stream-name';
import { FixedTimeProvider } from '../core/time-provider';
import { ApplicationCommandBus } from '../nestjs/application-command-bus';
import { decidingCommandHandler } from '../nestjs/deciding-command-handler';
import type { EventsSubscription } from '../subscriptions/events-subscription';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { InMemorySubscriptionStore } from '../subscriptions/in-memory-subscription-store';
import { compileSliceModule } from '../testing/nest-testing-module';
import { testCommand } from '../testing/test-command';
import {
  ADA_V3,
  participantUpcasters,
  registered,
  type ParticipantRegistered,
  type ParticipantRegisteredV1,
  type ParticipantRegisteredV2,
} from './participant-registered.fixture';
import { UpcastingEventStore } from './upcasting-event-store';

const GRACE_V3: ParticipantRegistered['data'] = { firstName: 'Grace', lastName: 'Hopper', registeredAt: '2026-03-01T10:00:00.000Z' };
const fast = { pollIntervalMs: 50, standbyRetryMs: 20, retryBaseDelayMs: 1, retryMaxDelayMs: 2, maxAttempts: 3 };

/** A participants stream written by three releases: v1 and v2 events stored before the upcasters were registered. */
async function participantsWithOldEvents() {
  const inner = new InMemoryEventStore();
  const stream = StreamName.of('Participants', 'cohort-1');
  await inner.appendToStream(stream, [registered<ParticipantRegisteredV1>({ name: 'Ada Lovelace' }, 1)], { expectedVersion: NO_STREAM });
  await inner.appendToStream(stream, [registered<ParticipantRegisteredV2>({ firstName: 'Ada', lastName: 'Lovelace' }, 2)], { expectedVersion: 1 });
  return { inner, stream, store: new UpcastingEventStore(inner, participantUpcasters().upcasters) };
}

describe('every read path through the upcasting store sees the newest shape', () => {
  const running: EventsSubscription<undefined>[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((subscription) => subscription.stop()));
  });

  function projecting(factory: EventsSubscriptionsFactory<undefined>) {
    const projected: ParticipantRegistered['data'][] = [];
    let initialized = 0;
    const subscription = factory
      .subscription('Participants_v1')
      .onInitialPosition(() => {
        initialized += 1;
        projected.length = 0;
      })
      .onEvent<ParticipantRegistered>('ParticipantRegistered', (event) => {
        expect(event.schemaVersion).toBe(3);
        projected.push(event.data);
      })
      .build();
    running.push(subscription);
    return { subscription, projected, initialized: () => initialized };
  }

  it('given old events, then a subscription sees them and new ones in the v3 shape, and so does its rebuild from the first event', async () => {
    const { store, stream } = await participantsWithOldEvents();
    const checkpoints = new InMemorySubscriptionStore();
    const first = projecting(new EventsSubscriptionsFactory(store, checkpoints, fast));
    await first.subscription.start();
    await store.appendToStream(stream, [registered<ParticipantRegistered>(GRACE_V3)], { expectedVersion: ANY });
    await vi.waitFor(() => expect(first.projected).toEqual([ADA_V3, ADA_V3, GRACE_V3]), { timeout: 5_000 });
    await first.subscription.stop();

    await checkpoints.reset('Participants_v1');
    const rebuilt = projecting(new EventsSubscriptionsFactory(store, checkpoints, fast));
    await rebuilt.subscription.start();

    await vi.waitFor(() => expect(rebuilt.projected).toEqual([ADA_V3, ADA_V3, GRACE_V3]), { timeout: 5_000 });
    expect(rebuilt.initialized()).toBe(1);
  });

  it('given old events, then the application service hands the decision the v3 shape and stores its events at v3', async () => {
    const { inner, store, stream } = await participantsWithOldEvents();
    const service = new ApplicationService(store, new FixedTimeProvider(), new SequentialIdGenerator());
    const seen: ParticipantRegistered[][] = [];

    await service.execute<ParticipantRegistered>(stream, { correlationId: 'c', causationId: 'x' }, (past) => {
      seen.push(past);
      return [{ type: 'ParticipantRegistered', data: GRACE_V3 }];
    });

    expect(seen).toEqual([
      [
        { type: 'ParticipantRegistered', data: ADA_V3 },
        { type: 'ParticipantRegistered', data: ADA_V3 },
      ],
    ]);
    expect((await inner.readStream(stream)).events.map((event) => event.schemaVersion)).toEqual([1, 2, 3]);
  });

  describe('a deciding command handler', () => {
    type Register = DomainCommand<'Register', { firstName: string; lastName: string }>;
    class RegisterApplicationCommand extends AbstractApplicationCommand<Register, number> {}
    class AlreadyRegistered extends Error {}

    /** Refuses a name already registered: only right if it reads old registrations in the shape it knows. */
    const register = (past: ParticipantRegistered[], command: Register): ParticipantRegistered[] => {
      const { firstName, lastName } = command.data;
      if (past.some(({ data }) => data.firstName === firstName && data.lastName === lastName)) throw new AlreadyRegistered();
      return [{ type: 'ParticipantRegistered', data: { firstName, lastName, registeredAt: '2026-03-01T10:00:00.000Z' } }];
    };
    const RegisterCommandHandler = decidingCommandHandler(RegisterApplicationCommand, {
      stream: () => StreamName.of('Participants', 'cohort-1'),
      decide: register,
      answer: (result) => result.streamVersion,
    });
    @Module({ providers: [RegisterCommandHandler] })
    class ParticipantsWriteModule {}

    let moduleRef: TestingModule | undefined;
    afterEach(async () => moduleRef?.close());

    async function commandBusOver(store: UpcastingEventStore) {
      moduleRef = await compileSliceModule(
        { imports: [ParticipantsWriteModule] },
        { eventStore: store, subscriptionStore: new InMemorySubscriptionStore() as never, timeProvider: new FixedTimeProvider(), idGenerator: new SequentialIdGenerator() },
      );
      return moduleRef.get(ApplicationCommandBus);
    }
    const registerCommand = (firstName: string, lastName: string, id: string) =>
      testCommand({ class: RegisterApplicationCommand, type: 'Register', data: { firstName, lastName }, id });

    it('given a v1 registration, when the same name registers, then the decision sees it in the v3 shape and refuses', async () => {
      const inner = new InMemoryEventStore();
      await inner.appendToStream(StreamName.of('Participants', 'cohort-1'), [registered<ParticipantRegisteredV1>({ name: 'Ada Lovelace' }, 1)], {
        expectedVersion: NO_STREAM,
      });
      const bus = await commandBusOver(new UpcastingEventStore(inner, participantUpcasters().upcasters));

      await expect(bus.execute(registerCommand('Ada', 'Lovelace', 'command-1'))).rejects.toBeInstanceOf(AlreadyRegistered);
      expect(await bus.execute(registerCommand('Grace', 'Hopper', 'command-2'))).toBe(2);
    });
  });
});
