import { randomUUID } from 'node:crypto';
import { EventsSubscriptionsFactory, type ApplicationEvent } from '@coderscamp/event-sourcing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseWasCreated } from '../src/module/shared/events/course-was-created.event';
import { subscriptionsIdle } from './support/subscriptions-idle';
import { type TestApp, testAppPerFile } from './support/test-app';
import { adminAccessToken, countStoredEvents, eventually, registerConfirmedUser, storedEvents, TEST_ADMIN_ENV } from './support/users';

const PROBE_ID = 'RefusedCoursesProbe_v1';
const ADMINISTRATION = ['SubscriptionAdministration'];

type Parked = { eventId: string; eventType: string; streamName: string; globalPosition: string; error: string; attempts: number; failedAt: string };

/**
 * The app's own subscriptions park nothing on valid input, so the test adds one to the running app:
 * a read model that refuses courses named "Refused …" while `refusing`, as a handler refuses data
 * it cannot take until it is fixed. It parks after two attempts.
 */
function refusedCoursesProbe(app: TestApp) {
  const probe = { refusing: true, handled: [] as string[] };
  const subscription = app.running.app
    .get(EventsSubscriptionsFactory)
    .subscription(PROBE_ID)
    .withOptions({ maxAttempts: 2, retryBaseDelayMs: 1, retryMaxDelayMs: 2, pollIntervalMs: 50, onPoisonEvent: 'park' })
    .onEvent<CourseWasCreated>('CourseWasCreated', (event: ApplicationEvent<CourseWasCreated>) => {
      if (probe.refusing && event.data.name.startsWith('Refused')) throw new Error(`Course "${event.data.name}" is refused`);
      probe.handled.push(event.data.name);
    })
    .build();
  return { probe, start: () => subscription.start() };
}

describe('/api/admin/subscriptions: administrators see the durable subscriptions and replay or skip parked events', () => {
  const app = testAppPerFile(TEST_ADMIN_ENV);
  let adminToken: string;
  let adminId: string;
  let probe: ReturnType<typeof refusedCoursesProbe>['probe'];

  beforeAll(async () => {
    adminToken = await adminAccessToken(app);
    adminId = ((await (await app.http('/api/users/me', { token: adminToken })).json()) as { id: string }).id;
    const refused = refusedCoursesProbe(app);
    probe = refused.probe;
    await refused.start();
  });

  const parkedOf = async (subscriptionId: string, token = adminToken) => app.http(`/api/admin/subscriptions/${subscriptionId}/parked`, { token });
  const act = (action: 'replay' | 'skip', eventId: string, token = adminToken, subscriptionId = PROBE_ID) =>
    app.http(`/api/admin/subscriptions/${subscriptionId}/parked/${eventId}/${action}`, { method: 'POST', token });

  /** Creates a course the probe refuses, and waits until the probe has parked its event. */
  async function parkedCourse(name: string): Promise<Parked> {
    const created = await app.http('/api/courses', {
      method: 'POST',
      token: adminToken,
      body: { name, startsAt: '2025-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z' },
    });
    expect(created.status).toBe(201);
    return eventually(async () => {
      const parked = (await (await parkedOf(PROBE_ID)).json()) as Parked[];
      return parked.find((event) => event.error === `Course "${name}" is refused`);
    }, `the parked CourseWasCreated of "${name}"`);
  }

  it('given a handler refusing an event, then the event is listed as parked, and the subscription shows it in its parked count and last error', async () => {
    const name = `Refused ${randomUUID()}`;
    const parked = await parkedCourse(name);

    expect(parked).toEqual({
      eventId: expect.any(String),
      eventType: 'CourseWasCreated',
      streamName: expect.stringMatching(/^Course_/),
      globalPosition: expect.stringMatching(/^\d+$/),
      error: `Course "${name}" is refused`,
      attempts: 2,
      failedAt: expect.any(String),
    });
    const listed = await app.http('/api/admin/subscriptions', { token: adminToken });
    expect(listed.status).toBe(200);
    const subscriptions = (await listed.json()) as { subscriptionId: string; parkedEvents: number; lastError: { message: string; eventId: string } | null }[];
    expect(subscriptions.find((subscription) => subscription.subscriptionId === PROBE_ID)).toMatchObject({
      parkedEvents: 1,
      lastError: { message: `Course "${name}" is refused`, eventId: parked.eventId },
    });
    expect(subscriptions.map((subscription) => subscription.subscriptionId)).toContain('CourseProgressReadModel_v1');
    expect(probe.handled).not.toContain(name);
  });

  it('given the handler still refusing, when an admin replays the event, then it stays parked with one more attempt, and the replay is recorded as still failing', async () => {
    const name = `Refused ${randomUUID()}`;
    const parked = await parkedCourse(name);

    const replay = await act('replay', parked.eventId);

    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ replayed: false, error: `Course "${name}" is refused`, attempts: 3 });
    const stillParked = (await (await parkedOf(PROBE_ID)).json()) as Parked[];
    expect(stillParked.find((event) => event.eventId === parked.eventId)).toMatchObject({ attempts: 3 });
    expect((await storedEvents(app, 'ParkedEventWasReplayed')).filter((event) => event.data.eventId === parked.eventId)).toEqual([
      {
        streamName: `SubscriptionAdministration_${PROBE_ID}`,
        data: { subscriptionId: PROBE_ID, eventId: parked.eventId, replayedBy: adminId, outcome: 'still-failing', error: `Course "${name}" is refused` },
      },
    ]);
    await act('skip', parked.eventId);
  });

  it('given the handler fixed, when an admin replays the event, then it is handled once, off the list, and the replay is recorded with who did it', async () => {
    const name = `Refused ${randomUUID()}`;
    const parked = await parkedCourse(name);
    probe.refusing = false;
    try {
      const replay = await act('replay', parked.eventId);

      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual({ replayed: true, error: null, attempts: null });
      expect(probe.handled.filter((handled) => handled === name)).toHaveLength(1);
      expect(((await (await parkedOf(PROBE_ID)).json()) as Parked[]).map((event) => event.eventId)).not.toContain(parked.eventId);
      const again = await act('replay', parked.eventId);
      expect(again.status).toBe(404);
      expect(await again.json()).toMatchObject({ statusCode: 404, code: 'PARKED_EVENT_NOT_FOUND' });
      expect(probe.handled.filter((handled) => handled === name)).toHaveLength(1);
      expect((await storedEvents(app, 'ParkedEventWasReplayed')).filter((event) => event.data.eventId === parked.eventId)).toEqual([
        {
          streamName: `SubscriptionAdministration_${PROBE_ID}`,
          data: { subscriptionId: PROBE_ID, eventId: parked.eventId, replayedBy: adminId, outcome: 'handled', error: null },
        },
      ]);
    } finally {
      probe.refusing = true;
    }
  });

  it('when an admin skips a parked event, then it is off the list and never handled, and the skip is recorded with who did it', async () => {
    const name = `Refused ${randomUUID()}`;
    const parked = await parkedCourse(name);
    probe.refusing = false;
    try {
      const skip = await act('skip', parked.eventId);

      expect(skip.status).toBe(204);
      expect(((await (await parkedOf(PROBE_ID)).json()) as Parked[]).map((event) => event.eventId)).not.toContain(parked.eventId);
      const replay = await act('replay', parked.eventId);
      expect(replay.status).toBe(404);
      expect(await replay.json()).toMatchObject({ code: 'PARKED_EVENT_NOT_FOUND' });
      expect(probe.handled).not.toContain(name);
      expect((await storedEvents(app, 'ParkedEventWasSkipped')).filter((event) => event.data.eventId === parked.eventId)).toEqual([
        { streamName: `SubscriptionAdministration_${PROBE_ID}`, data: { subscriptionId: PROBE_ID, eventId: parked.eventId, skippedBy: adminId } },
      ]);
    } finally {
      probe.refusing = true;
    }
  });

  it.each([
    ['GET the parked events of a subscription no one defined', 'SUBSCRIPTION_NOT_FOUND', () => parkedOf('NoSuchReadModel_v1')],
    ['replay in a subscription no one defined', 'SUBSCRIPTION_NOT_FOUND', () => act('replay', randomUUID(), adminToken, 'NoSuchReadModel_v1')],
    ['skip in a subscription no one defined', 'SUBSCRIPTION_NOT_FOUND', () => act('skip', randomUUID(), adminToken, 'NoSuchReadModel_v1')],
    ['replay in a subscription of the longest id, 200 characters, no one defined', 'SUBSCRIPTION_NOT_FOUND', () => act('replay', randomUUID(), adminToken, 'R'.repeat(200))],
    ['replay an event that was never parked', 'PARKED_EVENT_NOT_FOUND', () => act('replay', randomUUID())],
    ['skip an event that was never parked', 'PARKED_EVENT_NOT_FOUND', () => act('skip', randomUUID())],
  ])('when an admin tries to %s, then 404 %s and nothing is recorded', async (_case, code, request) => {
    await subscriptionsIdle(app);
    const before = await countStoredEvents(app, ADMINISTRATION);

    const response = await request();

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, code });
    expect(await countStoredEvents(app, ADMINISTRATION)).toBe(before);
  });

  it.each([
    ['an event id that is no UUID', () => act('replay', 'not-an-event-id')],
    ['an event id that is no UUID, to skip', () => act('skip', 'not-an-event-id')],
    ['a subscription id with characters no id has', () => parkedOf('Read%20Model')],
    ['a subscription id starting with a dash', () => act('skip', randomUUID(), adminToken, '-ReadModel_v1')],
    ['a subscription id longer than 200 characters', () => act('replay', randomUUID(), adminToken, 'R'.repeat(201))],
  ])('given %s, then 400 VALIDATION_FAILED and nothing is recorded', async (_case, request) => {
    await subscriptionsIdle(app);
    const before = await countStoredEvents(app, ADMINISTRATION);

    const response = await request();

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(await countStoredEvents(app, ADMINISTRATION)).toBe(before);
  });

  it('given a participant, then every route answers 403 FORBIDDEN and nothing is recorded; without a token, 401', async () => {
    const participant = await registerConfirmedUser(app);
    const parked = await parkedCourse(`Refused ${randomUUID()}`);
    const before = await countStoredEvents(app, ADMINISTRATION);
    const routes: [string, string][] = [
      ['GET', '/api/admin/subscriptions'],
      ['GET', `/api/admin/subscriptions/${PROBE_ID}/parked`],
      ['POST', `/api/admin/subscriptions/${PROBE_ID}/parked/${parked.eventId}/replay`],
      ['POST', `/api/admin/subscriptions/${PROBE_ID}/parked/${parked.eventId}/skip`],
    ];

    for (const [method, path] of routes) {
      const forbidden = await app.http(path, { method, token: participant.accessToken });
      expect(forbidden.status, `${method} ${path}`).toBe(403);
      expect(await forbidden.json()).toMatchObject({ code: 'FORBIDDEN' });
      expect((await app.http(path, { method })).status, `${method} ${path}`).toBe(401);
    }
    expect(await countStoredEvents(app, ADMINISTRATION)).toBe(before);
    expect(((await (await parkedOf(PROBE_ID)).json()) as Parked[]).map((event) => event.eventId)).toContain(parked.eventId);
  });
});
