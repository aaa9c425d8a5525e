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

const CURRENT_COURSE_ID = '3c9e1f7a-5b2d-4e8f-a1c6-7d0b9e2f4a13';
const REQUEST_EMAIL_CONFIRMATION = 'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1';
const SEND_EMAIL_MESSAGE = 'WhenEmailConfirmationWasRequestedThenSendEmailMessage_v1';
const COMPLETE_USER_REGISTRATION = 'WhenEmailConfirmationWasApprovedThenCompleteUserRegistration_v1';
const REGISTER_COURSE_USER = 'WhenUserRegistrationWasCompletedThenRegisterCourseUser_v1';

type Node = {
  kind: 'command' | 'event';
  id: string;
  type: string | null;
  automation: string | null;
  streamName: string | null;
  position: number | null;
  globalPosition: string | null;
  at: string;
  hopMs: number | null;
  children: Node[];
};
type Tree = { correlationId: string; commands: Node[] };

/** A node as one line: `command RegisterUser`, `command SendEmailMessage by Automation_v1`, `event UserRegistrationWasStarted`. */
const label = (node: Node) => `${node.kind} ${node.type}${node.automation ? ` by ${node.automation}` : ''}`;

/** The labels from the top down to the first event of `type`; undefined when no such event is in the tree. */
function pathTo(nodes: readonly Node[], type: string): string[] | undefined {
  for (const node of nodes) {
    if (node.kind === 'event' && node.type === type) return [label(node)];
    const below = pathTo(node.children, type);
    if (below) return [label(node), ...below];
  }
  return undefined;
}

function everyNode(nodes: readonly Node[]): Node[] {
  return nodes.flatMap((node) => [node, ...everyNode(node.children)]);
}

describe('GET /api/admin/causation/{correlationId}', () => {
  const app = testAppPerFile({ ...TEST_ADMIN_ENV, CURRENT_COURSE_ID });
  let adminToken: string;

  beforeAll(async () => {
    adminToken = await adminAccessToken(app);
  });

  const causation = (correlationId: string, token: string | null = adminToken) =>
    app.http(`/api/admin/causation/${encodeURIComponent(correlationId)}`, token === null ? {} : { token });

  /** The tree once it holds an event of `lastType` (automations finish after the request answered). */
  const treeReaching = (correlationId: string, lastType: string) =>
    eventually(async () => {
      const response = await causation(correlationId);
      if (response.status !== 200) return undefined;
      const tree = (await response.json()) as Tree;
      return pathTo(tree.commands, lastType) ? tree : undefined;
    }, `${lastType} in the causation of ${correlationId}`);

  const storedEventIds = async (correlationId: string) =>
    (await app.database.pool.query<{ event_id: string }>(`SELECT event_id FROM es_events WHERE metadata->>'correlationId' = $1`, [correlationId])).rows
      .map(({ event_id: id }) => id)
      .sort();

  it('given a registration and its approval, then each correlation id yields the chain through its automations, every stored event once, with positions and hop times', async () => {
    const email = uniqueEmail('causation');
    const registration = await app.http('/api/user-registration', {
      method: 'POST',
      headers: { 'x-correlation-id': 'causation-registration-1' },
      body: { fullName: 'Causal User', email, password: DEFAULT_TEST_PASSWORD },
    });
    expect(registration.status).toBe(201);

    const registered = await treeReaching('causation-registration-1', 'EmailMessageWasSent');
    expect(registered.correlationId).toBe('causation-registration-1');
    expect(pathTo(registered.commands, 'EmailMessageWasSent')).toEqual([
      'command RegisterUser',
      'event UserRegistrationWasStarted',
      `command RequestEmailConfirmation by ${REQUEST_EMAIL_CONFIRMATION}`,
      'event EmailConfirmationWasRequested',
      `command SendEmailMessage by ${SEND_EMAIL_MESSAGE}`,
      'event EmailMessageWasSent',
    ]);
    // The handler of RegisterUser sends ReserveEmailAddress itself, before its own events.
    expect(pathTo(registered.commands, 'EmailAddressWasReserved')).toEqual(['command RegisterUser', 'command ReserveEmailAddress', 'event EmailAddressWasReserved']);
    expect(registered.commands.map(label)).toEqual(['command RegisterUser']);

    const nodes = everyNode(registered.commands);
    const events = nodes.filter((node) => node.kind === 'event');
    expect(events.map((event) => event.id).sort()).toEqual(await storedEventIds('causation-registration-1'));
    const started = events.find((event) => event.type === 'UserRegistrationWasStarted')!;
    expect(started).toMatchObject({ streamName: expect.stringMatching(/^UserRegistration_/), position: 1, globalPosition: expect.stringMatching(/^\d+$/) });
    for (const node of nodes.slice(1)) expect(node.hopMs).toBeGreaterThanOrEqual(0);
    expect(registered.commands[0]!.hopMs).toBeNull();
    // A parent's time plus the hop is the child's time, all the way down.
    for (const parent of nodes) {
      for (const child of parent.children) expect(Date.parse(parent.at) + child.hopMs!).toBe(Date.parse(child.at));
    }

    const approval = await approveConfirmation(app, await confirmationTokenFromMail(app, email), { 'x-correlation-id': 'causation-approval-1' });
    expect(approval.status).toBe(204);

    const approved = await treeReaching('causation-approval-1', 'CourseUserWasRegistered');
    expect(pathTo(approved.commands, 'CourseUserWasRegistered')).toEqual([
      'command ApproveEmailConfirmation',
      'event EmailConfirmationWasApproved',
      `command CompleteUserRegistration by ${COMPLETE_USER_REGISTRATION}`,
      'event UserRegistrationWasCompleted',
      `command RegisterCourseUser by ${REGISTER_COURSE_USER}`,
      'event CourseUserWasRegistered',
    ]);
    expect(everyNode(approved.commands).filter((node) => node.kind === 'event').map((event) => event.id).sort()).toEqual(
      await storedEventIds('causation-approval-1'),
    );
  });

  it('given a well-formed correlation id no event carries, then 404 CORRELATION_NOT_FOUND', async () => {
    const response = await causation('causation-never-used');

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, code: 'CORRELATION_NOT_FOUND' });
  });

  it.each([
    ['a space', 'has space'],
    ['a disallowed character', 'semi;colon'],
    ['an encoded slash', 'a/b'],
    ['129 characters', 'x'.repeat(129)],
  ])('given a correlation id with %s, then 400 VALIDATION_FAILED', async (_what, correlationId) => {
    const response = await causation(correlationId);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it('given no token, then 401; given a non-admin user, then 403 FORBIDDEN', async () => {
    const user = await registerConfirmedUser(app);

    const anonymous = await causation('causation-registration-1', null);
    const nonAdmin = await causation('causation-registration-1', user.accessToken);

    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    expect(nonAdmin.status).toBe(403);
    expect(await nonAdmin.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });
});
