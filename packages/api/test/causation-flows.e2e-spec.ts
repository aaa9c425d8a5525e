import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testAppPerFile } from './support/test-app';
import {
  adminAccessToken,
  approveConfirmation,
  confirmationTokenFromMail,
  DEFAULT_TEST_PASSWORD,
  eventually,
  registerConfirmedUser,
  TEST_ADMIN_ENV,
  uniqueEmail,
} from './support/users';

const CURRENT_COURSE_ID = '7d2f4b1a-3c5e-4f60-8a9b-1e2d3c4b5a69';

type Flow = { correlationId: string; firstCommand: string | null; startedAt: string; durationMs: number; events: number; streams: number };

/** GET /api/admin/causation?… with the admin's token unless told otherwise. */
describe('GET /api/admin/causation?streamName=|userId=', () => {
  const app = testAppPerFile({ ...TEST_ADMIN_ENV, CURRENT_COURSE_ID });
  let adminToken: string;
  let userId: string;

  const flows = (query: string, token: string | null = adminToken) => app.http(`/api/admin/causation?${query}`, token === null ? {} : { token });

  /** What the store holds of a correlation: the events and streams the summary must count. */
  const stored = async (correlationId: string) => {
    const { rows } = await app.database.pool.query<{ events: string; streams: string }>(
      `SELECT count(*) AS events, count(DISTINCT stream_name) AS streams FROM es_events WHERE metadata->>'correlationId' = $1`,
      [correlationId],
    );
    return { events: Number(rows[0]!.events), streams: Number(rows[0]!.streams) };
  };

  beforeAll(async () => {
    adminToken = await adminAccessToken(app);

    const email = uniqueEmail('flows');
    const registration = await app.http('/api/user-registration', {
      method: 'POST',
      headers: { 'x-correlation-id': 'flows-registration-1' },
      body: { fullName: 'Flowing User', email, password: DEFAULT_TEST_PASSWORD },
    });
    expect(registration.status).toBe(201);
    ({ userId } = (await registration.json()) as { userId: string });
    const approval = await approveConfirmation(app, await confirmationTokenFromMail(app, email), { 'x-correlation-id': 'flows-approval-1' });
    expect(approval.status).toBe(204);
    // The last automation of the approval's flow enrols the user in the course.
    await eventually(
      async () => ((await app.database.pool.query(`SELECT 1 FROM es_events WHERE metadata->>'correlationId' = 'flows-approval-1' AND type = 'CourseUserWasRegistered'`)).rowCount ? true : undefined),
      'the enrolment of the approval',
    );
  });

  it('given a registered and confirmed user, then by user lists the approval\'s flow (through two automations to the enrolment) and the registration\'s (through two to the mail), newest first, with what each reached', async () => {
    const response = await flows(`userId=${userId}`);

    expect(response.status).toBe(200);
    const listed = (await response.json()) as Flow[];
    expect(listed.map(({ correlationId, firstCommand }) => [correlationId, firstCommand])).toEqual([
      ['flows-approval-1', 'ApproveEmailConfirmation'],
      ['flows-registration-1', 'RegisterUser'],
    ]);
    for (const flow of listed) {
      expect({ events: flow.events, streams: flow.streams }).toEqual(await stored(flow.correlationId));
      expect(flow.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(listed[0]!.streams).toBeGreaterThanOrEqual(3);
    expect(Date.parse(listed[0]!.startedAt)).toBeGreaterThan(Date.parse(listed[1]!.startedAt));
    // A flow's line agrees with its tree.
    const tree = (await (await app.http('/api/admin/causation/flows-approval-1', { token: adminToken })).json()) as Flow;
    expect({ ...tree, commands: undefined }).toEqual({ ...listed[0], commands: undefined });
  });

  it('given the user signs in later, then that flow comes first by user, and limit keeps only the newest', async () => {
    const login = await app.http('/api/auth/login', { method: 'POST', headers: { 'x-correlation-id': 'flows-login-1' }, body: { email: await emailOf(userId), password: DEFAULT_TEST_PASSWORD } });
    expect(login.status).toBe(200);

    const all = (await (await flows(`userId=${userId}`)).json()) as Flow[];
    const newest = (await (await flows(`userId=${userId}&limit=1`)).json()) as Flow[];

    expect(all.map((flow) => flow.correlationId)).toEqual(['flows-login-1', 'flows-approval-1', 'flows-registration-1']);
    expect(newest.map((flow) => flow.correlationId)).toEqual(['flows-login-1']);
  });

  it('given the user\'s registration stream, then by stream lists the flows that appended to it: the approval (its completion) and the registration, newest first', async () => {
    const response = await flows(`streamName=UserRegistration_${userId}`);

    expect(response.status).toBe(200);
    const listed = (await response.json()) as Flow[];
    expect(listed.map(({ correlationId, firstCommand }) => [correlationId, firstCommand])).toEqual([
      ['flows-approval-1', 'ApproveEmailConfirmation'],
      ['flows-registration-1', 'RegisterUser'],
    ]);
    expect({ events: listed[1]!.events, streams: listed[1]!.streams }).toEqual(await stored('flows-registration-1'));
  });

  it('given a well-formed stream name or user id nothing was stored for, then 200 with no flows', async () => {
    for (const query of ['streamName=UserRegistration_never-used', `userId=${randomUUID()}`]) {
      const response = await flows(query);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual([]);
    }
  });

  it.each([
    ['neither streamName nor userId', ''],
    ['both streamName and userId', `streamName=UserRegistration_x&userId=${randomUUID()}`],
    ['a stream name without a category separator', 'streamName=UserRegistration'],
    ['a stream name with an empty id', 'streamName=UserRegistration_'],
    ['a stream name whose category has a hyphen', 'streamName=User-Registration_1'],
    ['a stream name of 513 characters', `streamName=S_${'x'.repeat(511)}`],
    ['an empty stream name', 'streamName='],
    ['a stream name given twice', 'streamName=S_1&streamName=S_2'],
    ['a user id that is not a UUID', 'userId=not-a-uuid'],
    ['an empty user id', 'userId='],
    ['limit 0', `userId=${randomUUID()}&limit=0`],
    ['limit 101', `userId=${randomUUID()}&limit=101`],
    ['a limit that is not a number', `userId=${randomUUID()}&limit=many`],
    ['an unknown parameter', `userId=${randomUUID()}&correlationId=x`],
  ])('given %s, then 400 VALIDATION_FAILED', async (_what, query) => {
    const response = await flows(query);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it('given no token, then 401; given a non-admin user, then 403 FORBIDDEN', async () => {
    const user = await registerConfirmedUser(app);

    const anonymous = await flows(`userId=${userId}`, null);
    const nonAdmin = await flows(`userId=${userId}`, user.accessToken);

    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    expect(nonAdmin.status).toBe(403);
    expect(await nonAdmin.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });

  async function emailOf(id: string): Promise<string> {
    const { rows } = await app.database.pool.query<{ email_address: string }>('SELECT email_address FROM auth_users WHERE user_id = $1', [id]);
    return rows[0]!.email_address;
  }
});
