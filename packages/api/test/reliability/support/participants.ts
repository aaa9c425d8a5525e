import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestMailbox } from '../../support/test-mailbox';
import { RELIABILITY_ADMIN, RELIABILITY_WEBHOOK_SECRET } from './app-process';
import { ANY, StreamName } from '@coderscamp/event-sourcing';
import { pgSqlClient, PostgresEventStore } from '@coderscamp/event-sourcing/postgres';
import type { ApiSurface } from './api-surface';
import type { EventLog } from './event-log';
import { isAnswer, type HttpDriver, type HttpOutcome } from './http-driver';
import { validToken } from './jwt';

/** A token the app honours: signed like the app's, naming a session started the way login starts one. */
export async function openSessionToken(log: EventLog, userId: string = randomUUID()): Promise<string> {
  const sessionId = randomUUID();
  const eventStore = new PostgresEventStore(pgSqlClient(log.pool));
  const correlationId = randomUUID();
  await eventStore.appendToStream(
    StreamName.of('UserSession', sessionId),
    [{ type: 'SessionWasStarted', data: { sessionId, userId, userAgent: 'reliability' }, id: randomUUID(), metadata: { correlationId, causationId: correlationId }, occurredAt: new Date() }],
    { expectedVersion: ANY },
  );
  await eventually(`session ${sessionId} to be projected`, async () => {
    const { rows } = await log.pool.query('SELECT 1 FROM user_sessions WHERE session_id = $1', [sessionId]);
    return rows.length > 0 ? true : undefined;
  });
  return validToken(userId, 'user', sessionId);
}

/** The endpoints each workload needs (issue 3: users, issue 4: learning), as OpenAPI paths. */
export const REGISTRATION_ENDPOINTS = [['POST', '/api/user-registration']] as const;
export const PARTICIPANT_ENDPOINTS = [
  ['POST', '/api/user-registration'],
  ['POST', '/api/email-confirmation/approval'],
  ['POST', '/api/auth/login'],
  ['GET', '/api/users/me'],
] as const;
export const USERS_FLOW_ENDPOINTS = [...PARTICIPANT_ENDPOINTS, ['POST', '/api/courses']] as const;
export const LEARNING_ENDPOINTS = [
  ['POST', '/api/learning-materials'],
  ['POST', '/api/process-st/events/task-checked-unchecked'],
  ['GET', '/api/course-progress'],
] as const;

export const WEBHOOK_PATH = '/api/process-st/events/task-checked-unchecked';

export type Participant = Readonly<{ userId: string; email: string; password: string; fullName: string; token: string; learningMaterialsId?: string }>;

export function newRegistration(tag: string): { fullName: string; email: string; password: string } {
  const unique = randomUUID().slice(0, 8);
  return { fullName: `Reliability ${tag} ${unique}`, email: `${tag}-${unique}@reliability.test`, password: `password-${unique}` };
}

export function register(http: HttpDriver, registration: { fullName: string; email: string; password: string }): Promise<HttpOutcome> {
  return http.send('/api/user-registration', { method: 'POST', body: registration });
}

export function userIdOf(outcome: HttpOutcome): string | undefined {
  if (!isAnswer(outcome, 201, 202)) return undefined;
  const userId = (outcome.body as { userId?: unknown } | undefined)?.userId;
  return typeof userId === 'string' ? userId : undefined;
}

/** Keeps asking until `attempt` gives a value (eventual consistency of the read side), or fails after `timeoutMs`. */
export async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await attempt();
    if (value !== undefined) return value;
    await sleep(150);
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function login(http: HttpDriver, email: string, password: string, timeoutMs = 30_000): Promise<string> {
  return eventually(`login of ${email}`, async () => {
    const outcome = await http.send('/api/auth/login', { method: 'POST', body: { email, password } });
    const token = isAnswer(outcome, 200, 201) ? (outcome.body as { accessToken?: string }).accessToken : undefined;
    return token;
  }, timeoutMs);
}

/** register → confirmation mail → approval → login: a participant who can use the platform. */
export async function confirmedParticipant(http: HttpDriver, mailbox: TestMailbox, tag: string): Promise<Participant> {
  const registration = newRegistration(tag);
  const userId = userIdOf(await register(http, registration));
  if (!userId) throw new Error(`registration of ${registration.email} was refused`);
  const mail = await mailbox.waitForMail(registration.email, (candidate) => /token=/.test(candidate.text + candidate.html), 30_000);
  const confirmationToken = /token=([^\s"'&<>]+)/.exec(mail.text + mail.html)![1]!;
  const approval = await http.send('/api/email-confirmation/approval', { method: 'POST', body: { confirmationToken: decodeURIComponent(confirmationToken) } });
  if (!isAnswer(approval, 200, 201, 204)) throw new Error(`approval failed: ${JSON.stringify(approval)}`);
  const token = await login(http, registration.email, registration.password);
  return { ...registration, userId, token };
}

/** The admin from ADMIN_EMAIL creates a course that has already started, so it is the current edition. */
export async function currentCourse(http: HttpDriver): Promise<void> {
  const token = await login(http, RELIABILITY_ADMIN.email, RELIABILITY_ADMIN.password);
  const day = 24 * 60 * 60 * 1000;
  const outcome = await http.send('/api/courses', {
    method: 'POST',
    token,
    body: { name: `Reliability ${randomUUID().slice(0, 8)}`, startsAt: new Date(Date.now() - day).toISOString(), endsAt: new Date(Date.now() + 90 * day).toISOString() },
  });
  if (!isAnswer(outcome, 200, 201)) throw new Error(`creating the current course failed: ${JSON.stringify(outcome)}`);
}

export type Learner = Participant & { learningMaterialsId: string };

/**
 * Participants with generated learning materials: through the users flow over HTTP when its
 * endpoints are there, otherwise given as the events the users slices leave behind.
 */
export async function learners(
  scenario: Readonly<{ log: EventLog; mailbox: TestMailbox; report: { note(text: string): void } }>,
  http: HttpDriver,
  surface: ApiSurface,
  tags: readonly string[],
): Promise<Learner[]> {
  const overHttp = surface.missing(USERS_FLOW_ENDPOINTS).length === 0;
  if (overHttp) await currentCourse(http);
  else scenario.report.note(`participants given as UserRegistrationWasCompleted + CourseUserWasRegistered events: ${surface.missing(USERS_FLOW_ENDPOINTS).join(', ')} not on main yet`);
  const result: Learner[] = [];
  for (const tag of tags) {
    const participant = overHttp ? await confirmedParticipant(http, scenario.mailbox, tag) : await givenParticipant(scenario.log, tag);
    result.push(await withMaterials(http, participant));
  }
  return result;
}

/** A participant as the users slices leave one behind (registration completed, enrolled), with a token signed like the app's. */
export async function givenParticipant(log: EventLog, tag: string): Promise<Participant> {
  const registration = newRegistration(tag);
  const userId = randomUUID();
  const eventStore = new PostgresEventStore(pgSqlClient(log.pool));
  const append = (stream: StreamName, type: string, data: Record<string, string>) => {
    const correlationId = randomUUID();
    return eventStore.appendToStream(stream, [{ type, data, id: randomUUID(), metadata: { correlationId, causationId: correlationId }, occurredAt: new Date() }], { expectedVersion: ANY });
  };
  await append(StreamName.of('UserRegistration', userId), 'UserRegistrationWasCompleted', { userId, fullName: registration.fullName, emailAddress: registration.email, hashedPassword: 'not-used' });
  await append(StreamName.of('CourseUser', `reliability_${userId}`), 'CourseUserWasRegistered', { userId, courseUserId: randomUUID(), courseId: 'reliability' });
  return { ...registration, userId, token: await openSessionToken(log, userId) };
}

/** Generates the participant's learning materials, waiting for the read side to know the participant. */
async function withMaterials(http: HttpDriver, participant: Participant): Promise<Learner> {
  const learningMaterialsId = await eventually(`learning materials of ${participant.email}`, async () => {
    const generated = await http.send('/api/learning-materials', { method: 'POST', token: participant.token });
    if (isAnswer(generated, 200, 201)) return (generated.body as { id: string }).id;
    if (isAnswer(generated, 202, 409)) {
      const read = await http.send('/api/learning-materials', { token: participant.token });
      return isAnswer(read, 200) ? (read.body as { id: string }).id : undefined;
    }
    return undefined;
  });
  return { ...participant, learningMaterialsId };
}

export function taskWebhook(http: HttpDriver, learningMaterialsId: string, taskId: string, status: 'Completed' | 'NotCompleted'): Promise<HttpOutcome> {
  return http.send(WEBHOOK_PATH, {
    method: 'POST',
    headers: { 'x-webhook-secret': RELIABILITY_WEBHOOK_SECRET },
    body: { id: learningMaterialsId, type: 'TaskCheckedUnchecked', createdDate: new Date().toISOString(), data: { id: taskId, status } },
  });
}

export async function completedTasks(http: HttpDriver, token: string): Promise<number | undefined> {
  const outcome = await http.send('/api/course-progress', { token });
  return isAnswer(outcome, 200) ? (outcome.body as { learningMaterials?: { completedTasks?: number } }).learningMaterials?.completedTasks : undefined;
}
