import { randomUUID } from 'node:crypto';
import { EventsSubscriptionsFactory, type ApplicationEvent } from '@coderscamp/event-sourcing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseWasCreated } from '../src/module/shared/events/course-was-created.event';
import { subscriptionsIdle } from './support/subscriptions-idle';
import { type TestApp, testAppPerFile } from './support/test-app';
import { adminAccessToken, countStoredEvents, eventually, registerConfirmedUser, storedEvents, TEST_ADMIN_ENV } from './support/users';
import { readsHurtByRebuild, repeatUntilStopped, type ListRead } from './support/reads-during-rebuild';

const COURSES = 'CoursesReadModel_v1';
const PROBE_ID = 'RebuildProbe_v1';
const ADMINISTRATION = ['SubscriptionAdministration'];

type Rebuild = { requestedAt: string; requestedBy: string; eventsToReplay: number; done: number; finished: boolean; error: string | null };
type Overview = { subscriptionId: string; state: string; handlerFailures: number; rebuild: Rebuild | null };
type Action = {
  eventId: string;
  globalPosition: string;
  action: 'replay' | 'skip' | 'rebuild';
  subscriptionId: string;
  adminId: string;
  at: string;
  parkedEventId: string | null;
  outcome: string;
  error: string | null;
};

/**
 * A subscription of the test's own that it can stop, so a rebuild of it stays under way (no
 * instance picks up the reset) for as long as the test needs; it parks courses named "Refused …".
 */
function rebuildProbe(app: TestApp) {
  const handled: string[] = [];
  const subscription = app.running.app
    .get(EventsSubscriptionsFactory)
    .subscription(PROBE_ID)
    .withOptions({ maxAttempts: 1, retryBaseDelayMs: 1, retryMaxDelayMs: 2, pollIntervalMs: 50, onPoisonEvent: 'park' })
    .onInitialPosition(() => {
      handled.length = 0;
    })
    .onEvent<CourseWasCreated>('CourseWasCreated', (event: ApplicationEvent<CourseWasCreated>) => {
      if (event.data.name.startsWith('Refused')) throw new Error(`Course "${event.data.name}" is refused`);
      handled.push(event.data.name);
    })
    .build();
  return { handled, subscription };
}

describe('/api/admin/subscriptions: administrators rebuild subscriptions, follow the rebuild and list what administrators did', () => {
  const app = testAppPerFile(TEST_ADMIN_ENV);
  let adminToken: string;
  let adminId: string;
  let probe: ReturnType<typeof rebuildProbe>;

  beforeAll(async () => {
    adminToken = await adminAccessToken(app);
    adminId = ((await (await app.http('/api/users/me', { token: adminToken })).json()) as { id: string }).id;
    probe = rebuildProbe(app);
    await probe.subscription.start();
  });

  afterAll(async () => {
    await probe?.subscription.stop();
  });

  const rebuild = (subscriptionId: string, token: string | undefined = adminToken) =>
    app.http(`/api/admin/subscriptions/${subscriptionId}/rebuilds`, { method: 'POST', token });
  const overviewOf = async (subscriptionId: string) =>
    ((await (await app.http('/api/admin/subscriptions', { token: adminToken })).json()) as Overview[]).find((overview) => overview.subscriptionId === subscriptionId)!;
  const actions = async (query = '') => app.http(`/api/admin/subscriptions/actions${query}`, { token: adminToken });
  const createCourse = async (name: string) => {
    const created = await app.http('/api/courses', {
      method: 'POST',
      token: adminToken,
      body: { name, startsAt: '2025-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z' },
    });
    expect(created.status).toBe(201);
  };
  const courseRows = async () => (await app.database.pool.query('SELECT course_id, name, starts_at, ends_at FROM courses ORDER BY course_id')).rows;

  it('when an admin rebuilds a read model, then 202 with what it replays, the request is recorded with who and when, and the read model is rebuilt beside the serving one and switched in with the same rows', async () => {
    await createCourse(`Rebuilt ${randomUUID()}`);
    await createCourse(`Rebuilt ${randomUUID()}`);
    await subscriptionsIdle(app);
    const before = await courseRows();
    // A row no event stands for: only a read model rebuilt from the events loses it.
    await app.database.pool.query("INSERT INTO courses (course_id, name, starts_at, ends_at) VALUES ($1, 'Not from any event', now(), now())", [randomUUID()]);
    const eventsInLog = await countStoredEvents(app);
    const startedAt = Date.now();

    const response = await rebuild(COURSES);

    expect(response.status).toBe(202);
    const body = (await response.json()) as { subscriptionId: string; requestedAt: string; eventsToReplay: number };
    expect(body).toEqual({ subscriptionId: COURSES, requestedAt: expect.any(String), eventsToReplay: expect.any(Number) });
    expect(body.eventsToReplay).toBeGreaterThanOrEqual(eventsInLog);
    expect(Date.parse(body.requestedAt)).toBeGreaterThanOrEqual(startedAt - 1_000);
    const recorded = (await storedEvents(app, 'SubscriptionRebuildWasRequested')).filter((event) => event.data.subscriptionId === COURSES);
    expect(recorded).toEqual([
      {
        streamName: `SubscriptionAdministration_${COURSES}`,
        data: {
          subscriptionId: COURSES,
          requestedBy: adminId,
          requestedAt: body.requestedAt,
          eventsToReplay: body.eventsToReplay,
          replayTo: { transactionId: expect.stringMatching(/^\d+$/), globalPosition: expect.stringMatching(/^\d+$/) },
        },
      },
    ]);
    const finished = await eventually(async () => {
      const overview = await overviewOf(COURSES);
      return overview.rebuild?.finished ? overview.rebuild : undefined;
    }, 'the rebuild of the courses read model to finish');
    expect(finished).toEqual({ requestedAt: body.requestedAt, requestedBy: adminId, eventsToReplay: body.eventsToReplay, done: body.eventsToReplay, finished: true, error: null });
    expect(await courseRows()).toEqual(before);
  });

  it('given courses created and listed without pause, when an admin rebuilds the courses read model, then no read fails, comes back empty or lists fewer courses than one before it', async () => {
    for (let index = 0; index < 20; index++) await createCourse(`Listed ${randomUUID()}`);
    await subscriptionsIdle(app);
    const listCourses = async (): Promise<ListRead> => {
      const response = await app.http('/api/courses', { token: adminToken });
      return { status: response.status, count: response.status === 200 ? ((await response.json()) as unknown[]).length : 0 };
    };
    const writes = repeatUntilStopped(() => createCourse(`Written during the rebuild ${randomUUID()}`));
    const reader = repeatUntilStopped(listCourses);

    expect((await rebuild(COURSES)).status).toBe(202);
    await eventually(async () => ((await overviewOf(COURSES)).rebuild?.finished ? true : undefined), 'the rebuild of the courses read model to finish');
    // Reads go on a little past the switch, while the live subscription carries on in the new table.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [reads] = await Promise.all([reader.stop(), writes.stop()]);

    expect(reads.length).toBeGreaterThan(10);
    expect(readsHurtByRebuild(reads)).toEqual({ failed: 0, wentBackwards: 0 });
  });

  it('given a rebuild no instance has picked up yet, when an admin requests another, then 409 SUBSCRIPTION_REBUILD_UNDER_WAY and nothing more is recorded; once it has run, a new one is accepted', async () => {
    await createCourse(`Probed ${randomUUID()}`);
    await eventually(async () => ((await overviewOf(PROBE_ID)).state === 'live' ? true : undefined), 'the probe to run live');
    await probe.subscription.stop();
    try {
      expect((await rebuild(PROBE_ID)).status).toBe(202);
      const underWay = await overviewOf(PROBE_ID);
      expect(underWay.rebuild).toMatchObject({ requestedBy: adminId, done: 0, finished: false });
      const before = await countStoredEvents(app, ADMINISTRATION);

      const again = await rebuild(PROBE_ID);

      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ statusCode: 409, code: 'SUBSCRIPTION_REBUILD_UNDER_WAY' });
      expect(await countStoredEvents(app, ADMINISTRATION)).toBe(before);
    } finally {
      await probe.subscription.start();
    }
    const finished = await eventually(async () => {
      const overview = await overviewOf(PROBE_ID);
      return overview.rebuild?.finished ? overview.rebuild : undefined;
    }, 'the probe\'s rebuild to finish once it runs again');
    expect(finished.done).toBe(finished.eventsToReplay);
    expect(probe.handled.some((name) => name.startsWith('Probed'))).toBe(true);
    expect((await rebuild(PROBE_ID)).status).toBe(202);
  });

  it('given a replay, a skip and a rebuild, then the actions list shows each, newest first, with who and when, in pages that follow one another', async () => {
    await subscriptionsIdle(app);
    const parkedCourse = async () => {
      const name = `Refused ${randomUUID()}`;
      await createCourse(name);
      return eventually(async () => {
        const parked = (await (await app.http(`/api/admin/subscriptions/${PROBE_ID}/parked`, { token: adminToken })).json()) as { eventId: string; error: string }[];
        return parked.find((event) => event.error === `Course "${name}" is refused`);
      }, `the parked event of ${name}`);
    };
    const replayed = await parkedCourse();
    expect((await app.http(`/api/admin/subscriptions/${PROBE_ID}/parked/${replayed.eventId}/replay`, { method: 'POST', token: adminToken })).status).toBe(200);
    const skipped = await parkedCourse();
    expect((await app.http(`/api/admin/subscriptions/${PROBE_ID}/parked/${skipped.eventId}/skip`, { method: 'POST', token: adminToken })).status).toBe(204);
    await eventually(async () => ((await overviewOf(PROBE_ID)).rebuild?.finished ? true : undefined), 'the probe\'s last rebuild to finish');
    expect((await rebuild(PROBE_ID)).status).toBe(202);

    const response = await actions('?limit=3');

    expect(response.status).toBe(200);
    const firstPage = (await response.json()) as { actions: Action[]; nextBefore: string | null };
    expect(firstPage.actions).toEqual([
      { eventId: expect.any(String), globalPosition: expect.any(String), action: 'rebuild', subscriptionId: PROBE_ID, adminId, at: expect.any(String), parkedEventId: null, outcome: 'requested', error: null },
      { eventId: expect.any(String), globalPosition: expect.any(String), action: 'skip', subscriptionId: PROBE_ID, adminId, at: expect.any(String), parkedEventId: skipped.eventId, outcome: 'skipped', error: null },
      {
        eventId: expect.any(String),
        globalPosition: expect.any(String),
        action: 'replay',
        subscriptionId: PROBE_ID,
        adminId,
        at: expect.any(String),
        parkedEventId: replayed.eventId,
        outcome: 'still-failing',
        error: expect.stringContaining('is refused'),
      },
    ]);
    expect(Date.parse(firstPage.actions[0]!.at)).toBeGreaterThanOrEqual(Date.parse(firstPage.actions[1]!.at));
    expect(firstPage.nextBefore).toBe(firstPage.actions[2]!.globalPosition);
    const secondPage = (await (await actions(`?limit=100&before=${firstPage.nextBefore}`)).json()) as { actions: Action[]; nextBefore: string | null };
    expect(secondPage.actions.map((action) => action.action)).toEqual(['rebuild', 'rebuild', 'rebuild', 'rebuild']);
    expect(secondPage.actions.map((action) => action.subscriptionId)).toEqual([PROBE_ID, PROBE_ID, COURSES, COURSES]);
    expect(secondPage.nextBefore).toBeNull();
  });

  it.each([
    ['a subscription no one defined', 'NoSuchReadModel_v1'],
    ['a subscription of the longest id, 200 characters, no one defined', 'R'.repeat(200)],
  ])('when an admin rebuilds %s, then 404 SUBSCRIPTION_NOT_FOUND and nothing is recorded', async (_case, subscriptionId) => {
    await subscriptionsIdle(app);
    const before = await countStoredEvents(app, ADMINISTRATION);

    const response = await rebuild(subscriptionId);

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, code: 'SUBSCRIPTION_NOT_FOUND' });
    expect(await countStoredEvents(app, ADMINISTRATION)).toBe(before);
  });

  it.each([
    ['a rebuild of a subscription id with characters no id has', () => rebuild('Read%20Model')],
    ['a rebuild of a subscription id starting with a dash', () => rebuild('-ReadModel_v1')],
    ['a rebuild of a subscription id longer than 200 characters', () => rebuild('R'.repeat(201))],
    ['actions with a limit of 0', () => actions('?limit=0')],
    ['actions with a limit over 100', () => actions('?limit=101')],
    ['actions with a limit that is no number', () => actions('?limit=ten')],
    ['actions before a position that is no number', () => actions('?before=abc')],
    ['actions before position 0', () => actions('?before=0')],
    ['actions before a negative position', () => actions('?before=-5')],
  ])('given %s, then 400 VALIDATION_FAILED and nothing is recorded', async (_case, request) => {
    await subscriptionsIdle(app);
    const before = await countStoredEvents(app, ADMINISTRATION);

    const response = await request();

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(await countStoredEvents(app, ADMINISTRATION)).toBe(before);
  });

  it('given a participant, then the rebuild and the actions list answer 403 FORBIDDEN and nothing is recorded; without a token, 401', async () => {
    const participant = await registerConfirmedUser(app);
    await subscriptionsIdle(app);
    const before = await countStoredEvents(app, ADMINISTRATION);
    const routes: [string, string][] = [
      ['POST', `/api/admin/subscriptions/${COURSES}/rebuilds`],
      ['GET', '/api/admin/subscriptions/actions'],
    ];

    for (const [method, path] of routes) {
      const forbidden = await app.http(path, { method, token: participant.accessToken });
      expect(forbidden.status, `${method} ${path}`).toBe(403);
      expect(await forbidden.json()).toMatchObject({ code: 'FORBIDDEN' });
      expect((await app.http(path, { method })).status, `${method} ${path}`).toBe(401);
    }
    expect(await countStoredEvents(app, ADMINISTRATION)).toBe(before);
  });
});
