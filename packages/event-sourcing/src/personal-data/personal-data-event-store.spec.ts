import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApplicationService } from '../application/application-service';
import type { ReadAllPage } from '../core/event-store';
import { LOG_START, type ApplicationEvent, type DomainEvent, type EventToAppend } from '../core/events';
import { ANY } from '../core/expected-version';
import { uuidIdGenerator } from '../core/id-generator';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { StreamName } from '../core/stream-name';
import { systemTimeProvider } from '../core/time-provider';
import type { EventsSubscription } from '../subscriptions/events-subscription';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { snapshotStoreContract } from '../testing/snapshot-store-contract';
import { InMemorySubscriptionStore } from '../subscriptions/in-memory-subscription-store';
import { isEncryptedField } from './encrypted-field';
import { ERASED, isErased } from './erased';
import { PersonalDataSubjectMissingError, PersonalDataUnreadableError } from './errors';
import { PersonalDataEventStore } from './personal-data-event-store';
import { personalData } from './personal-data-declaration';
import { InMemorySubjectKeyStore } from './subject-key-store';

type UserRegistered = DomainEvent<'UserRegistered', { userId: string; email: string; name: string; role: string }>;
type UserRenamed = DomainEvent<'UserRenamed', { userId: string; name: string }>;
type RoleGranted = DomainEvent<'RoleGranted', { userId: string; role: string }>;
type UserEvent = UserRegistered | UserRenamed | RoleGranted;

const DECLARATIONS = [
  personalData<UserRegistered>('UserRegistered', { subjectOf: (event) => event.data.userId, fields: ['email', 'name'] }),
  personalData<UserRenamed>('UserRenamed', { subjectOf: (event) => event.data.userId, fields: ['name'] }),
];

const metadata = { correlationId: 'correlation-1', causationId: 'command-1' };

function event<E extends UserEvent>(type: E['type'], data: E['data']): EventToAppend<E> {
  return { type, data, id: randomUUID(), metadata, occurredAt: new Date('2026-03-01T10:00:00.000Z') } as EventToAppend<E>;
}

const registered = (userId: string, email: string, name: string) => event<UserRegistered>('UserRegistered', { userId, email, name, role: 'user' });
const renamed = (userId: string, name: string) => event<UserRenamed>('UserRenamed', { userId, name });
const roleGranted = (userId: string, role: string) => event<RoleGranted>('RoleGranted', { userId, role });
const userStream = (userId: string) => StreamName.of('User', userId);

/** An in-memory key store that counts its look-ups, to see when the cache and the batching spare them. */
class CountingKeyStore extends InMemorySubjectKeyStore {
  keyForCalls = 0;
  existingKeysCalls: string[][] = [];

  override keyFor(subject: string): Promise<Buffer> {
    this.keyForCalls += 1;
    return super.keyFor(subject);
  }

  override existingKeys(subjects: readonly string[]): Promise<ReadonlyMap<string, Buffer>> {
    this.existingKeysCalls.push([...subjects]);
    return super.existingKeys(subjects);
  }
}

/** An in-memory store that keeps the last page it returned, to see whether the decorator passed it on untouched. */
class PageKeepingEventStore extends InMemoryEventStore {
  lastPage: ReadAllPage | undefined;

  override async readAll(options: Parameters<InMemoryEventStore['readAll']>[0]): Promise<ReadAllPage> {
    this.lastPage = await super.readAll(options);
    return this.lastPage;
  }
}

function setup(keyCacheSize?: number) {
  const inner = new PageKeepingEventStore();
  const keys = new CountingKeyStore();
  const store = new PersonalDataEventStore(inner, { declarations: DECLARATIONS, keys, keyCacheSize });
  return { inner, keys, store };
}

async function readAllEvents(store: { readAll: InMemoryEventStore['readAll'] }): Promise<ApplicationEvent[]> {
  return (await store.readAll({ after: LOG_START, limit: 1_000 })).events;
}

// No declared type is among the contract's: the decorator passes snapshots through as they are.
snapshotStoreContract('personal data over in-memory', async () => ({
  store: new PersonalDataEventStore(new InMemoryEventStore(), {
    declarations: [personalData<DomainEvent<'Registered', { userId: string; email: string }>>('Registered', { subjectOf: (event) => event.data.userId, fields: ['email'] })],
    keys: new InMemorySubjectKeyStore(),
  }),
  dispose: async () => undefined,
}));

describe('PersonalDataEventStore over the in-memory store', () => {
  const running: EventsSubscription<undefined>[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((subscription) => subscription.stop()));
  });

  it('given events with personal data, when read back through it, then readStream, readAll and the append result hold the plaintext', async () => {
    const { store } = setup();
    const appended = await store.appendToStream(userStream('u1'), [registered('u1', 'ann@example.com', 'Ann'), renamed('u1', 'Anna')], {
      expectedVersion: ANY,
    });

    expect(appended.events.map((stored) => [stored.data, stored.streamVersion])).toEqual([
      [{ userId: 'u1', email: 'ann@example.com', name: 'Ann', role: 'user' }, 1],
      [{ userId: 'u1', name: 'Anna' }, 2],
    ]);
    const { events } = await store.readStream<UserEvent>(userStream('u1'));
    expect(events.map((stored) => stored.data)).toEqual(appended.events.map((stored) => stored.data));
    expect((await readAllEvents(store)).map((stored) => stored.data)).toEqual(appended.events.map((stored) => stored.data));
  });

  it('given events with personal data, then the inner store holds the declared fields only in the encrypted shape, bound to their subject', async () => {
    const { inner, store } = setup();
    await store.appendToStream(userStream('u1'), [registered('u1', 'ann@example.com', 'Ann Smith'), renamed('u1', 'Anna Smith')], {
      expectedVersion: ANY,
    });

    const stored = await readAllEvents(inner);
    const raw = JSON.stringify(stored.map((storedEvent) => storedEvent.data));
    ['ann@example.com', 'Ann Smith', 'Anna Smith'].forEach((plaintext) => expect(raw).not.toContain(plaintext));
    const data = stored[0]!.data as Record<string, unknown>;
    expect(data).toMatchObject({ userId: 'u1', role: 'user', email: { $personal: 1, subject: 'u1' }, name: { $personal: 1, subject: 'u1' } });
    // A fresh IV per value: the same plaintext never yields the same ciphertext.
    await store.appendToStream(userStream('u1'), [renamed('u1', 'Anna Smith')], { expectedVersion: ANY });
    const [first, second] = (await readAllEvents(inner)).slice(1).map((storedEvent) => (storedEvent.data as { name: { data: string } }).name.data);
    expect(first).not.toBe(second);
  });

  it('given an erased subject, then every read path yields ERASED for its fields: readStream, readAll, a subscription rebuilt from the first event', async () => {
    const { store } = setup();
    await store.appendToStream(userStream('u1'), [registered('u1', 'ann@example.com', 'Ann'), roleGranted('u1', 'admin')], {
      expectedVersion: ANY,
    });
    await store.appendToStream(userStream('u2'), [registered('u2', 'bob@example.com', 'Bob')], { expectedVersion: ANY });

    await store.eraseSubject('u1');

    const { events } = await store.readStream<UserEvent>(userStream('u1'));
    expect(events.map((stored) => stored.data)).toEqual([
      { userId: 'u1', email: ERASED, name: ERASED, role: 'user' },
      { userId: 'u1', role: 'admin' },
    ]);
    expect((await readAllEvents(store)).map((stored) => stored.data)).toEqual([
      { userId: 'u1', email: ERASED, name: ERASED, role: 'user' },
      { userId: 'u1', role: 'admin' },
      { userId: 'u2', email: 'bob@example.com', name: 'Bob', role: 'user' },
    ]);

    // A projection rebuilt from the first event: a new subscription id starts at the log's start.
    const names = new Map<string, string>();
    const subscription = new EventsSubscriptionsFactory(store, new InMemorySubscriptionStore(), { pollIntervalMs: 50 })
      .subscription('UserNames_v2')
      .onEvent<UserRegistered>('UserRegistered', (stored) => void names.set(stored.data.userId, stored.data.name))
      .onEvent<UserRenamed>('UserRenamed', (stored) => void names.set(stored.data.userId, stored.data.name))
      .build();
    running.push(subscription);
    await subscription.start();
    await subscription.caughtUp();
    expect(Object.fromEntries(names)).toEqual({ u1: ERASED, u2: 'Bob' });
    expect((await subscription.status()).handlerFailures).toBe(0);
  });

  it('given an erased subject, when a command decides on its stream, then the decision works on the erased events and its new personal data is erased on arrival', async () => {
    const { inner, store } = setup();
    await store.appendToStream(userStream('u1'), [registered('u1', 'ann@example.com', 'Ann')], { expectedVersion: ANY });
    await store.eraseSubject('u1');
    const service = new ApplicationService(store, systemTimeProvider, uuidIdGenerator);

    let seenName: unknown;
    const result = await service.execute<UserEvent>(userStream('u1'), metadata, (past) => {
      const registration = past.find((pastEvent): pastEvent is UserRegistered => pastEvent.type === 'UserRegistered');
      if (!registration) throw new Error('not registered');
      seenName = registration.data.name;
      return [{ type: 'UserRenamed', data: { userId: 'u1', name: isErased(registration.data.name) ? 'Unknown' : 'Renamed' } }];
    });

    expect(seenName).toBe(ERASED);
    expect(result.streamVersion).toBe(2);
    // Erasure is final: no new key is made for the subject, so its new personal data is never stored.
    const { events } = await store.readStream<UserEvent>(userStream('u1'));
    expect(events.map((stored) => stored.data)).toEqual([
      { userId: 'u1', email: ERASED, name: ERASED, role: 'user' },
      { userId: 'u1', name: ERASED },
    ]);
    expect(JSON.stringify((await readAllEvents(inner)).map((stored) => stored.data))).not.toContain('Unknown');
  });

  it('given events of types without personal data, then they reach the inner store and come back as they are, with no key look-up', async () => {
    const { inner, keys, store } = setup();
    const granted = roleGranted('u1', 'admin');
    await store.appendToStream(userStream('u1'), [granted], { expectedVersion: ANY });

    const page = await store.readAll({ after: LOG_START, limit: 10 });
    expect(page).toBe(inner.lastPage);
    expect(page.events[0]!.data).toEqual(granted.data);
    expect((await store.readStream(userStream('u1'))).events[0]!.data).toEqual(granted.data);
    expect(keys.keyForCalls).toBe(0);
    expect(keys.existingKeysCalls).toEqual([]);
  });

  it('given a page of several subjects, then it looks up their keys once, and not again while they are cached', async () => {
    const { inner, keys, store } = setup();
    for (const userId of ['u1', 'u2', 'u3']) {
      await store.appendToStream(userStream(userId), [registered(userId, `${userId}@example.com`, userId), renamed(userId, `${userId}-2`)], {
        expectedVersion: ANY,
      });
    }
    // A second store over the same log, with a cold cache, as after a restart.
    const restarted = new PersonalDataEventStore(inner, { declarations: DECLARATIONS, keys });
    keys.existingKeysCalls = [];

    expect(await readAllEvents(restarted)).toHaveLength(6);
    expect(keys.existingKeysCalls.map((subjects) => [...subjects].sort())).toEqual([['u1', 'u2', 'u3']]);
    await readAllEvents(restarted);
    expect(keys.existingKeysCalls).toHaveLength(1);
  });

  it('given the key cache holds at most one subject, then reads still decrypt every subject correctly', async () => {
    const { store } = setup(1);
    for (const userId of ['u1', 'u2', 'u3']) {
      await store.appendToStream(userStream(userId), [registered(userId, `${userId}@example.com`, userId)], { expectedVersion: ANY });
    }
    const names = (await readAllEvents(store)).map((stored) => (stored.data as { name: string }).name);
    expect(names).toEqual(['u1', 'u2', 'u3']);
  });

  it('given a key cached by one store, when another store over the same key store erases the subject, then the first yields ERASED at once', async () => {
    const { inner, keys, store } = setup();
    await store.appendToStream(userStream('u1'), [registered('u1', 'ann@example.com', 'Ann')], { expectedVersion: ANY });
    expect((await store.readStream<UserEvent>(userStream('u1'))).events[0]!.data).toMatchObject({ name: 'Ann' });

    await new PersonalDataEventStore(inner, { declarations: DECLARATIONS, keys }).eraseSubject('u1');

    expect((await store.readStream<UserEvent>(userStream('u1'))).events[0]!.data).toMatchObject({ email: ERASED, name: ERASED });
  });

  it('given a ciphertext moved into another subject`s event, another event or another field, then reading fails loudly instead of decrypting', async () => {
    const { inner, store } = setup();
    await store.appendToStream(userStream('u1'), [registered('u1', 'ann@example.com', 'Ann')], { expectedVersion: ANY });
    await store.appendToStream(userStream('u2'), [registered('u2', 'bob@example.com', 'Bob')], { expectedVersion: ANY });
    const [ann, bob] = (await readAllEvents(inner)).map((stored) => stored.data as Record<string, { subject: string }>);

    const tampered = [
      // Ann's email into Bob's event, still labelled as Ann's: the event id in its AAD differs.
      { stream: 'u2', data: { ...bob, email: ann!.email } },
      // Ann's email relabelled as Bob's: Bob's key and the subject in its AAD differ.
      { stream: 'u2', data: { ...bob, email: { ...ann!.email, subject: 'u2' } } },
      // Ann's email into the name field of her own event's copy: the field in its AAD differs.
      { stream: 'u1', data: { ...ann, name: ann!.email } },
    ];
    for (const { stream, data } of tampered) {
      const copy = { ...registered(stream, '', ''), data } as unknown as EventToAppend;
      const tamperedStream = StreamName.of('Tampered', randomUUID());
      await inner.appendToStream(tamperedStream, [copy], { expectedVersion: ANY });
      await expect(store.readStream(tamperedStream)).rejects.toBeInstanceOf(PersonalDataUnreadableError);
    }
  });

  it('given an event of a declared type holding personal data but no subject, then the append is refused and nothing is stored', async () => {
    const { inner, store } = setup();
    const orphan = registered(undefined as unknown as string, 'ann@example.com', 'Ann');

    await expect(store.appendToStream(userStream('u1'), [roleGranted('u1', 'admin'), orphan], { expectedVersion: ANY })).rejects.toMatchObject({
      code: 'PERSONAL_DATA_SUBJECT_MISSING',
    });
    await expect(store.appendToStream(userStream('u1'), [orphan], { expectedVersion: ANY })).rejects.toBeInstanceOf(PersonalDataSubjectMissingError);
    expect(await readAllEvents(inner)).toEqual([]);
  });

  it('given an event of a declared type without any of its personal fields, then it is stored as it is, subject or not', async () => {
    const { inner, keys, store } = setup();
    const withoutName = event<UserRenamed>('UserRenamed', { userId: undefined as unknown as string } as UserRenamed['data']);

    await store.appendToStream(userStream('u1'), [withoutName], { expectedVersion: ANY });

    expect((await readAllEvents(inner))[0]!.data).toEqual({});
    expect(keys.keyForCalls).toBe(0);
  });

  it('given a declaration that changed, then fields encrypted under the old one still decrypt: decryption goes by shape', async () => {
    const { inner, keys, store } = setup();
    await store.appendToStream(userStream('u1'), [renamed('u1', 'Ann')], { expectedVersion: ANY });

    const withoutDeclarations = new PersonalDataEventStore(inner, { declarations: [], keys });

    expect(isEncryptedField(((await readAllEvents(inner))[0]!.data as { name: unknown }).name)).toBe(true);
    expect((await readAllEvents(withoutDeclarations))[0]!.data).toEqual({ userId: 'u1', name: 'Ann' });
  });

  it('given a type declared twice or with no fields, then the store refuses to be built', () => {
    const keys = new InMemorySubjectKeyStore();
    expect(() => new PersonalDataEventStore(new InMemoryEventStore(), { declarations: [...DECLARATIONS, DECLARATIONS[0]!], keys })).toThrow(
      /declared twice/,
    );
    expect(
      () =>
        new PersonalDataEventStore(new InMemoryEventStore(), {
          declarations: [personalData<UserRenamed>('UserRenamed', { subjectOf: (stored) => stored.data.userId, fields: [] })],
          keys,
        }),
    ).toThrow(/no fields/);
  });

  it('given an erasure, then the key store tells its listeners, once per erasure', async () => {
    const { keys, store } = setup();
    const heard = vi.fn();
    keys.onErased(heard);
    await store.eraseSubject('u9');
    expect(heard.mock.calls).toEqual([['u9']]);
  });
});
