import { describe, expect, it, vi } from 'vitest';
import { givenCourseParticipant } from './support/course-participants-over-events';
import { EventFeedClient, feedUrl } from './support/event-feed-client';
import { testAppPerFile } from './support/test-app';
import { approveConfirmation, confirmationTokenFromMail, DEFAULT_TEST_PASSWORD, eventually, uniqueEmail } from './support/users';

const WEBHOOK_SECRET = 'e2e-tracing-webhook-secret';

type StoredEvent = { type: string; metadata: { correlationId: string; causationId: string } };

/** One request followed through the real slices: its correlation id in every event it caused, and the push that told the user. */
describe('a request traced from HTTP to stored events and the WebSocket push', () => {
  const app = testAppPerFile({ PROCESS_ST_WEBHOOK_SECRET: WEBHOOK_SECRET });

  const eventsCorrelatedWith = async (correlationId: string) =>
    (
      await app.database.pool.query<StoredEvent>(
        `SELECT type, metadata FROM es_events WHERE metadata->>'correlationId' = $1 ORDER BY global_position`,
        [correlationId],
      )
    ).rows;

  it('given X-Correlation-Id on a command request, then the events it appended carry it, and the user is pushed the outcome live', async () => {
    const ada = await givenCourseParticipant(app, 'Ada Lovelace');
    const client = await EventFeedClient.connect(feedUrl(app.url, { access_token: ada.accessToken }));

    const generated = await app.http('/api/learning-materials', { method: 'POST', token: ada.accessToken, headers: { 'x-correlation-id': 'trace-materials-1' } });
    expect(generated.status).toBe(201);
    expect(generated.headers.get('x-correlation-id')).toBe('trace-materials-1');
    const { id: learningMaterialsId } = (await generated.json()) as { id: string };

    const events = await eventsCorrelatedWith('trace-materials-1');
    expect(events.map(({ type }) => type)).toContain('LearningMaterialsUrlWasGenerated');
    for (const { metadata } of events) expect(metadata.causationId).toEqual(expect.any(String));

    // The webhook accepts tasks only of materials its read model already knows.
    await vi.waitFor(async () => expect((await app.http('/api/learning-materials', { token: ada.accessToken })).status).toBe(200), { timeout: 15_000, interval: 50 });
    const webhook = await app.http('/api/process-st/events/task-checked-unchecked', {
      method: 'POST',
      headers: { 'x-webhook-secret': WEBHOOK_SECRET, 'x-correlation-id': 'trace-task-1' },
      body: { id: learningMaterialsId, type: 'TaskCheckedUnchecked', createdDate: '2025-03-01T10:00:00.000Z', data: { id: 'task-1', status: 'Completed' } },
    });
    expect(webhook.status).toBeLessThan(300);
    expect((await eventsCorrelatedWith('trace-task-1')).map(({ type }) => type)).toEqual(['TaskWasCompleted']);

    const pushed = await client.waitForMessages(2);
    expect(pushed.map(({ type, data }) => ({ type, data }))).toEqual([
      { type: 'LearningMaterialsUrlWasGenerated', data: expect.objectContaining({ learningMaterialsId, courseUserId: ada.courseUserId }) },
      { type: 'TaskWasCompleted', data: { learningMaterialsId, taskId: 'task-1', completedTasks: 1 } },
    ]);
    await client.close();
  });

  it('given X-Correlation-Id on registration and on its approval, then each request correlates the events it set in motion, automations included', async () => {
    const email = uniqueEmail('traced');
    const registration = await app.http('/api/user-registration', {
      method: 'POST',
      headers: { 'x-correlation-id': 'trace-registration-1' },
      body: { fullName: 'Traced User', email, password: DEFAULT_TEST_PASSWORD },
    });
    expect(registration.status).toBe(201);
    const approval = await approveConfirmation(app, await confirmationTokenFromMail(app, email), { 'x-correlation-id': 'trace-approval-1' });
    expect(approval.status).toBe(204);

    const typesOf = async (correlationId: string, last: string) =>
      eventually(async () => {
        const types = (await eventsCorrelatedWith(correlationId)).map(({ type }) => type);
        return types.includes(last) ? types : undefined;
      }, `${last} correlated with ${correlationId}`);
    expect(await typesOf('trace-registration-1', 'EmailMessageWasSent')).toEqual(
      expect.arrayContaining(['UserRegistrationWasStarted', 'EmailConfirmationWasRequested', 'EmailMessageWasSent']),
    );
    expect(await typesOf('trace-approval-1', 'UserRegistrationWasCompleted')).toEqual(
      expect.arrayContaining(['EmailConfirmationWasApproved', 'UserRegistrationWasCompleted']),
    );
  });

  it('given no X-Correlation-Id, then one is generated and still reaches the events', async () => {
    const grace = await givenCourseParticipant(app, 'Grace Hopper');

    const generated = await app.http('/api/learning-materials', { method: 'POST', token: grace.accessToken });
    const correlationId = generated.headers.get('x-correlation-id') ?? '';

    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await eventsCorrelatedWith(correlationId)).map(({ type }) => type)).toContain('LearningMaterialsUrlWasGenerated');
  });
});
