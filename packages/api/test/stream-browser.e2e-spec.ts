import { randomUUID } from 'node:crypto';
import { ANY, StreamName, type EventStore } from '@coderscamp/event-sourcing';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import { pgSqlClient, PostgresEventStore } from '@coderscamp/event-sourcing/postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { testAppPerFile } from './support/test-app';
import { adminAccessToken, eventually, registerConfirmedUser, TEST_ADMIN_ENV, type TestUser } from './support/users';

type Category = { category: string; streams: number; events: number };
type StreamList = { items: { streamName: string; events: number; lastEventAt: string }[]; next: string | null };
type StreamEvent = {
  id: string;
  type: string;
  version: number;
  globalPosition: string;
  occurredAt: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
};
type StreamEvents = { streamName: string; category: string; version: number; items: StreamEvent[]; next: number | null };

/** A category of this test's own, so its counts are exact whatever the app's automations append meanwhile. */
const BROWSED = 'BrowsedThings';
/** Ids in an order that code point order and English order disagree on. */
const BROWSED_IDS = Array.from({ length: 22 }, (_, index) => `item-${String(index).padStart(2, '0')}`).concat(['Alpha-X', 'alphaBeta', 'zeta/alpha?', '_alpha%']);
const LONG_STREAM = `${BROWSED}_long`;
/** Streams whose names a path must carry encoded: an address, and the longest name the SDK allows. */
const ODD = 'BrowsedOdd';
const ADDRESS_STREAM = `${ODD}_someone+tag@example.com`;
const LONGEST_STREAM = `${ODD}_${'x'.repeat(512 - ODD.length - 1)}`;
const LONG_STREAM_EVENTS = 45;

const byCodePoint = (a: string, b: string) => {
  const [x, y] = [[...a], [...b]];
  for (let index = 0; index < Math.min(x.length, y.length); index++) {
    const difference = x[index]!.codePointAt(0)! - y[index]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return x.length - y.length;
};

/**
 * The developer console's stream browser over HTTP: categories, a category's streams in keyset
 * pages with an id search, a stream's events in pages, as the application reads them.
 */
describe('/api/admin/streams: administrators browse the event store', () => {
  const app = testAppPerFile(TEST_ADMIN_ENV);
  let adminToken: string;
  let participant: TestUser;
  let eventStore: EventStore;

  beforeAll(async () => {
    adminToken = await adminAccessToken(app);
    participant = await registerConfirmedUser(app, { email: `browsed.${randomUUID().slice(0, 8)}@example.com`, fullName: 'Browsed Person' });
    eventStore = app.running.app.get<symbol, EventStore>(EVENT_STORE);
    for (const id of BROWSED_IDS) await appendThings(`${BROWSED}_${id}`, 1);
    await appendThings(`${BROWSED}_item-03`, 2);
    await appendThings(LONG_STREAM, LONG_STREAM_EVENTS);
    await appendThings(ADDRESS_STREAM, 1);
    await appendThings(LONGEST_STREAM, 1);
  });

  async function appendThings(stream: string, count: number): Promise<void> {
    const correlationId = `browse-${randomUUID()}`;
    const events = Array.from({ length: count }, (_, index) => ({
      type: 'ThingWasBrowsed',
      data: { index },
      id: randomUUID(),
      metadata: { correlationId, causationId: randomUUID() },
      occurredAt: new Date(),
    }));
    await eventStore.appendToStream(StreamName.parse(stream), events, { expectedVersion: ANY });
  }

  const get = (path: string, token: string | null = adminToken) => app.http(path, token === null ? {} : { token });
  const json = async <T>(path: string): Promise<T> => {
    const response = await get(path);
    expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
    return (await response.json()) as T;
  };
  const streamsPath = (query: Record<string, string>) => `/api/admin/streams?${new URLSearchParams(query)}`;
  const eventsPath = (stream: string, query: Record<string, string> = {}) => `/api/admin/streams/${encodeURIComponent(stream)}/events?${new URLSearchParams(query)}`;

  it('given no access token, then every endpoint answers 401 UNAUTHORIZED; given a participant, 403 FORBIDDEN', async () => {
    for (const path of ['/api/admin/streams/categories', streamsPath({ category: BROWSED }), eventsPath(LONG_STREAM)]) {
      const anonymous = await get(path, null);
      const notAdmin = await get(path, participant.accessToken);

      expect([anonymous.status, ((await anonymous.json()) as { code: string }).code]).toEqual([401, 'UNAUTHORIZED']);
      expect([notAdmin.status, ((await notAdmin.json()) as { code: string }).code]).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('lists every category by name in code point order, with its streams and events as the log holds them', async () => {
    const counted = () =>
      app.database.pool
        .query<Category>(`SELECT category, count(DISTINCT stream_name)::int AS streams, count(*)::int AS events FROM es_events GROUP BY category`)
        .then(({ rows }) => rows.sort((a, b) => byCodePoint(a.category, b.category)));
    // Automations may still append: compare with a count of the log taken before and after the same answer.
    const categories = await eventually(async () => {
      const before = await counted();
      const answer = await json<Category[]>('/api/admin/streams/categories');
      const after = await counted();
      return JSON.stringify(before) === JSON.stringify(after) && JSON.stringify(answer) === JSON.stringify(after) ? answer : undefined;
    }, 'categories answered as counted in the log');

    expect(categories.find((category) => category.category === BROWSED)).toEqual({ category: BROWSED, streams: BROWSED_IDS.length + 1, events: BROWSED_IDS.length + 2 + LONG_STREAM_EVENTS });
    expect(categories.map((category) => category.category)).toContain('UserRegistration');
  });

  it('pages through a category\'s streams by name with `next`, with no duplicate or gap, and no next page after the last', async () => {
    const pages: StreamList[] = [];
    let next: string | null = null;
    do {
      const page: StreamList = await json<StreamList>(streamsPath({ category: BROWSED, limit: '10', ...(next === null ? {} : { after: next }) }));
      pages.push(page);
      next = page.next;
    } while (next !== null && pages.length < 10);
    const names = pages.flatMap((page) => page.items.map((item) => item.streamName));

    expect(pages.map((page) => page.items.length)).toEqual([10, 10, 7]);
    expect(names).toEqual([...BROWSED_IDS.map((id) => `${BROWSED}_${id}`), LONG_STREAM].sort(byCodePoint));
    expect(pages.map((page) => page.next)).toEqual([names[9], names[19], null]);
    const item03 = pages.flatMap((page) => page.items).find((item) => item.streamName === `${BROWSED}_item-03`)!;
    expect(item03.events).toBe(3);
    expect(Date.parse(item03.lastEventAt)).toBeGreaterThan(0);
    // A page that ends exactly at the last stream offers no next page.
    expect((await json<StreamList>(streamsPath({ category: BROWSED, limit: '7', after: names[19]! }))).next).toBeNull();
  });

  it('finds streams whose id contains the search text in any case (not the category name), trimmed, a page at a time', async () => {
    const found = async (search: string, after?: string) =>
      json<StreamList>(streamsPath({ category: BROWSED, search, limit: '2', ...(after === undefined ? {} : { after }) }));

    const first = await found('  ALPHA ');
    const second = await found('alpha', first.next!);

    expect([...first.items, ...second.items].map((item) => item.streamName)).toEqual(
      [`${BROWSED}_Alpha-X`, `${BROWSED}_alphaBeta`, `${BROWSED}_zeta/alpha?`, `${BROWSED}__alpha%`].sort(byCodePoint),
    );
    expect(second.next).toBeNull();
    expect((await found('things')).items).toEqual([]);
    expect((await found('%')).items.map((item) => item.streamName)).toEqual([`${BROWSED}__alpha%`]);
    expect((await json<StreamList>(streamsPath({ category: 'NoSuchCategory' }))).items).toEqual([]);
  });

  it('pages through a stream\'s events in stream order with every field, positions as numbers in order, `next` until the last page', async () => {
    const first = await json<StreamEvents>(eventsPath(LONG_STREAM, { limit: '20' }));
    const second = await json<StreamEvents>(eventsPath(LONG_STREAM, { limit: '20', after: String(first.next) }));
    const last = await json<StreamEvents>(eventsPath(LONG_STREAM, { limit: '20', after: String(second.next) }));
    const events = [...first.items, ...second.items, ...last.items];
    const stored = await eventStore.readStream(StreamName.parse(LONG_STREAM));

    expect([first.next, second.next, last.next]).toEqual([20, 40, null]);
    expect(first).toMatchObject({ streamName: LONG_STREAM, category: BROWSED, version: LONG_STREAM_EVENTS });
    expect(events.map((event) => event.version)).toEqual(Array.from({ length: LONG_STREAM_EVENTS }, (_, index) => index + 1));
    expect(events).toEqual(
      stored.events.map((event) => ({
        id: event.id,
        type: 'ThingWasBrowsed',
        version: event.streamVersion,
        globalPosition: event.globalPosition.toString(),
        occurredAt: event.occurredAt.toISOString(),
        schemaVersion: 1,
        data: event.data,
        metadata: event.metadata,
      })),
    );
    const positions = events.map((event) => BigInt(event.globalPosition));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(await json<StreamEvents>(eventsPath(LONG_STREAM, { after: String(LONG_STREAM_EVENTS) }))).toMatchObject({ items: [], next: null, version: LONG_STREAM_EVENTS });
  });

  it('given a stream whose id holds /, ?, %, + or @, or a name of 512 characters, then its events are found by the encoded name', async () => {
    for (const stream of [`${BROWSED}_zeta/alpha?`, `${BROWSED}__alpha%`, ADDRESS_STREAM, LONGEST_STREAM]) {
      expect((await json<StreamEvents>(eventsPath(stream))).streamName).toBe(stream);
    }
    expect(LONGEST_STREAM).toHaveLength(512);
  });

  it('shows a registered user\'s events decrypted, while the stored row holds ciphertext', async () => {
    const stream = `UserRegistration_${participant.userId}`;
    const { items } = await json<StreamEvents>(eventsPath(stream));
    const { rows } = await app.database.pool.query<{ data: unknown }>(`SELECT data FROM es_events WHERE stream_name = $1 AND type = 'UserRegistrationWasStarted'`, [stream]);

    expect(items.find((event) => event.type === 'UserRegistrationWasStarted')?.data).toMatchObject({ emailAddress: participant.email, fullName: 'Browsed Person' });
    expect(JSON.stringify(rows[0]!.data)).not.toContain(participant.email);
    expect(JSON.stringify(rows[0]!.data)).not.toContain('Browsed Person');
  });

  it('given a password hash, a confirmation token and a mail with a confirmation link, then each shows as the secret marker while the rest of the event shows', async () => {
    const registration = await json<StreamEvents>(eventsPath(`UserRegistration_${participant.userId}`));
    const confirmation = await json<StreamEvents>(eventsPath(`EmailConfirmation_${participant.userId}_user-registration`));
    const mails = await app.database.pool.query<{ stream_name: string }>(
      `SELECT stream_name FROM es_events WHERE type = 'EmailMessageWasSent' AND data->>'userId' = $1 ORDER BY global_position LIMIT 1`,
      [participant.userId],
    );
    const mail = await json<StreamEvents>(eventsPath(mails.rows[0]!.stream_name));

    expect(registration.items.find((event) => event.type === 'UserRegistrationWasStarted')?.data).toMatchObject({ hashedPassword: '[secret]', fullName: 'Browsed Person' });
    expect(confirmation.items.find((event) => event.type === 'EmailConfirmationWasRequested')?.data).toMatchObject({ confirmationToken: '[secret]' });
    const body = mail.items[0]!.data as { text: string; html: string };
    expect(body.text).toContain('token=[secret]');
    expect(`${body.text}${body.html}`).not.toMatch(/token=(?!\[secret\])/);
  });

  it('shows an erased user\'s personal fields as the erased marker', async () => {
    const erased = await registerConfirmedUser(app, { fullName: 'Erased Person' });
    const erasure = await app.http(`/api/admin/users/${erased.userId}`, { method: 'DELETE', token: adminToken });
    expect(erasure.status).toBe(204);

    const started = await eventually(async () => {
      const { items } = await json<StreamEvents>(eventsPath(`UserRegistration_${erased.userId}`));
      const event = items.find((candidate) => candidate.type === 'UserRegistrationWasStarted')!;
      return event.data.emailAddress === '[erased]' ? event : undefined;
    }, 'the registration read as erased');

    expect(started.data).toMatchObject({ userId: erased.userId, emailAddress: '[erased]', fullName: '[erased]' });
    expect(JSON.stringify(started.data)).not.toContain(erased.email);
  });

  it('shows an event stored at an older schema version in the newest shape (EmailMessageWasSent v1 → v2)', async () => {
    const emailMessageId = randomUUID();
    const stream = `EmailMessage_${emailMessageId}`;
    // The bare store: as mails were stored before schema version 2.
    await new PostgresEventStore(pgSqlClient(app.database.pool)).appendToStream(
      StreamName.parse(stream),
      [
        {
          type: 'EmailMessageWasSent',
          data: { emailMessageId, to: 'old@example.com', subject: 'Old', text: 'Old', html: '<p>Old</p>', from: 'CodersCamp <no-reply@coderscamp.local>' },
          id: randomUUID(),
          metadata: { correlationId: randomUUID(), causationId: randomUUID() },
          occurredAt: new Date(),
        },
      ],
      { expectedVersion: ANY },
    );

    const { items } = await json<StreamEvents>(eventsPath(stream));

    expect(items.map((event) => [event.schemaVersion, event.data.userId, event.data.to])).toEqual([[2, null, 'old@example.com']]);
  });

  it('given an unknown stream, then 404 STREAM_NOT_FOUND', async () => {
    const response = await get(eventsPath(`${BROWSED}_${randomUUID()}`));

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, code: 'STREAM_NOT_FOUND' });
  });

  it.each([
    ['no category', {}],
    ['a category starting with a digit', { category: '1Things' }],
    ['a category holding _', { category: 'Browsed_Things' }],
    ['a category over 510 characters', { category: `C${'c'.repeat(510)}` }],
    ['limit 0', { category: BROWSED, limit: '0' }],
    ['limit 101', { category: BROWSED, limit: '101' }],
    ['limit 1.5', { category: BROWSED, limit: '1.5' }],
    ['limit ten', { category: BROWSED, limit: 'ten' }],
    ['search over 100 characters', { category: BROWSED, search: 's'.repeat(101) }],
    ['after that is no stream name', { category: BROWSED, after: 'item-03' }],
    ['after, a stream of another category', { category: BROWSED, after: 'UserRegistration_x' }],
    ['an unknown parameter', { category: BROWSED, offset: '10' }],
  ])('GET /api/admin/streams with %s: 400 VALIDATION_FAILED', async (_, query: Record<string, string>) => {
    const response = await get(streamsPath(query));

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it.each([
    ['a name without _', 'NoSeparator', {}],
    ['a name with an empty category', '_id', {}],
    ['a category starting with a digit', '1Things_id', {}],
    ['a name over 512 characters', `${BROWSED}_${'x'.repeat(512 - BROWSED.length)}`, {}],
    ['after -1', LONG_STREAM, { after: '-1' }],
    ['after 1.5', LONG_STREAM, { after: '1.5' }],
    ['after x', LONG_STREAM, { after: 'x' }],
    ['limit 0', LONG_STREAM, { limit: '0' }],
    ['limit 101', LONG_STREAM, { limit: '101' }],
  ])('GET /api/admin/streams/{streamName}/events with %s: 400 VALIDATION_FAILED', async (_, stream: string, query: Record<string, string>) => {
    const response = await get(eventsPath(stream, query));

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });
});
