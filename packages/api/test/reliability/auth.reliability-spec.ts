import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchApiSurface, type ApiSurface } from './support/api-surface';
import { RELIABILITY_WEBHOOK_SECRET, type AppProcess } from './support/app-process';
import { errorCodeOf, type HttpDriver, type HttpOutcome } from './support/http-driver';
import { hostileTokens } from './support/jwt';
import { LEARNING_ENDPOINTS, learners, WEBHOOK_PATH, type Learner } from './support/participants';
import { Scenario, scaled } from './support/scenario';

const LOGIN_ATTEMPTS = scaled(30, 'RELIABILITY_LOGIN_ATTEMPTS');

describe('authentication and authorisation under attack', () => {
  let scenario: Scenario;
  let app: AppProcess;
  let http: HttpDriver;
  let surface: ApiSurface;
  let failed = false;
  let ran = 0;
  const notRun: string[] = [];

  beforeAll(async () => {
    scenario = await Scenario.create('Auth attacks');
    app = await scenario.startApp();
    http = scenario.http(app);
    surface = await fetchApiSurface(http);
  });

  afterAll(async () => {
    if (ran === 0) scenario.report.notRun(`not run: ${notRun.join('; ')}`);
    else notRun.forEach((reason) => scenario.report.note(`not run: ${reason}`));
    failed ||= scenario.report.problems().length > 0;
    scenario.report.save(failed);
    await scenario.dispose();
  });

  const guardedGets = () => surface.endpoints.filter((endpoint) => endpoint.requiresAuth && endpoint.method === 'GET' && !endpoint.path.includes('{'));
  const expect401 = (what: string, outcome: HttpOutcome) => {
    scenario.report.fuzzCases += 1;
    if (outcome.kind !== 'answer' || outcome.status !== 401 || !errorCodeOf(outcome)) {
      scenario.report.violation(`${what}: expected 401 with a code, got ${outcome.kind === 'answer' ? `${outcome.status} ${outcome.text.slice(0, 150)}` : outcome.error}`);
    }
  };
  const guard = (reason: string, available: boolean, context: { skip: () => void }) => {
    if (!available) {
      notRun.push(reason);
      context.skip();
    }
    ran += 1;
  };

  it('given expired, not-yet-valid, forged, alg-none, wrong-algorithm, other-secret and tampered JWTs, in the header or the cookie, then every guarded endpoint answers 401', async (context) => {
    guard('JWT attacks: no guarded GET endpoint on main yet', guardedGets().length > 0, context);
    const tokens = hostileTokens('00000000-0000-4000-8000-000000000001');
    for (const endpoint of guardedGets()) {
      for (const [name, token] of Object.entries(tokens)) {
        expect401(`${endpoint.path} with a ${name} token (header)`, await http.send(endpoint.path, { headers: { authorization: `Bearer ${token}` } }));
        expect401(`${endpoint.path} with a ${name} token (cookie)`, await http.send(endpoint.path, { headers: { cookie: `access_token=${token}` } }));
      }
      expect401(`${endpoint.path} without a token`, await http.send(endpoint.path));
      expect401(`${endpoint.path} with an empty token cookie`, await http.send(endpoint.path, { headers: { cookie: 'access_token=' } }));
      expect401(`${endpoint.path} with a cookie of another name`, await http.send(endpoint.path, { headers: { cookie: `token=${tokens.expired}; session=abc` } }));
      expect401(`${endpoint.path} with "Bearer" and no token`, await http.send(endpoint.path, { headers: { authorization: 'Bearer ' } }));
      expect401(`${endpoint.path} with a Basic scheme`, await http.send(endpoint.path, { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }));
    }
    expect(scenario.report.problems()).toEqual([]);
  });

  it('given the process.st webhook without, or with a wrong, secret in the header or the query, then 401 and nothing is appended', async (context) => {
    guard('webhook secret: POST /api/process-st/events/task-checked-unchecked not on main yet', surface.has('POST', WEBHOOK_PATH), context);
    const [learner] = await learners(scenario, http, surface, ['webhook']);
    const body = { id: learner!.learningMaterialsId, type: 'TaskCheckedUnchecked', createdDate: new Date().toISOString(), data: { id: 'task-1', status: 'Completed' } };
    const before = await scenario.log.count();
    const wrong = [RELIABILITY_WEBHOOK_SECRET.slice(0, -1), `${RELIABILITY_WEBHOOK_SECRET}x`, RELIABILITY_WEBHOOK_SECRET.toUpperCase(), ' ', 'null'];
    expect401('webhook without a secret', await http.send(WEBHOOK_PATH, { method: 'POST', body }));
    for (const secret of wrong) {
      expect401(`webhook with header secret "${secret}"`, await http.send(WEBHOOK_PATH, { method: 'POST', body, headers: { 'x-webhook-secret': secret } }));
      expect401(`webhook with query secret "${secret}"`, await http.send(`${WEBHOOK_PATH}?secret=${encodeURIComponent(secret)}`, { method: 'POST', body }));
    }
    if ((await scenario.log.count()) !== before) scenario.report.violation('a webhook call with a wrong secret appended events');
    const right = await http.send(`${WEBHOOK_PATH}?secret=${encodeURIComponent(RELIABILITY_WEBHOOK_SECRET)}`, { method: 'POST', body });
    if (right.kind !== 'answer' || right.status >= 300) scenario.report.violation(`the right secret in the query was refused: ${JSON.stringify(right).slice(0, 200)}`);
    expect(scenario.report.problems()).toEqual([]);
  });

  it('given repeated failed logins for one account, then the login is rate limited with 429', async (context) => {
    guard('brute-force login: POST /api/auth/login not on main yet', surface.has('POST', '/api/auth/login'), context);
    const outcomes: HttpOutcome[] = [];
    for (let attempt = 0; attempt < LOGIN_ATTEMPTS; attempt++) {
      outcomes.push(await http.send('/api/auth/login', { method: 'POST', body: { email: 'victim@reliability.test', password: `guess-${attempt}-password` } }));
    }
    const limited = outcomes.filter((outcome) => outcome.kind === 'answer' && outcome.status === 429);
    scenario.report.fuzzCases += outcomes.length;
    if (limited.length === 0) scenario.report.violation(`${LOGIN_ATTEMPTS} failed logins for one account were never rate limited (${http.summary()})`);
    if (limited.some((outcome) => !errorCodeOf(outcome))) scenario.report.violation('429 without an error code');
    scenario.report.note(`login: first 429 after ${outcomes.findIndex((outcome) => outcome.kind === 'answer' && outcome.status === 429) + 1} failed attempts`);
    expect(scenario.report.problems()).toEqual([]);
  });

  it("given one participant, when using another participant's ids in the path, query or body, then they see and change only their own data", async (context) => {
    guard(`cross-user access: ${surface.missing(LEARNING_ENDPOINTS).join(', ')} not on main yet`, surface.missing(LEARNING_ENDPOINTS).length === 0, context);
    const [victim, attacker] = (await learners(scenario, http, surface, ['victim', 'attacker'])) as [Learner, Learner];
    const victimIds = [victim.userId, victim.learningMaterialsId, victim.email];
    const idNames = ['id', 'userId', 'courseUserId', 'learningMaterialsId', 'user', 'email'];
    const leaks = (outcome: HttpOutcome) => outcome.kind === 'answer' && victimIds.some((id) => outcome.text.includes(id));
    const before = await scenario.log.count();
    for (const endpoint of surface.endpoints.filter((candidate) => candidate.requiresAuth)) {
      for (const victimId of victimIds) {
        const path = endpoint.path.replace(/\{[^}]+\}/g, encodeURIComponent(victimId));
        const query = new URLSearchParams(idNames.map((name): [string, string] => [name, victimId])).toString();
        const attempts = [
          http.send(`${path}?${query}`, { method: endpoint.method, token: attacker.token }),
          ...(endpoint.method === 'GET' ? [] : [http.send(path, { method: endpoint.method, token: attacker.token, body: Object.fromEntries(idNames.map((name) => [name, victimId])) })]),
        ];
        for (const outcome of await Promise.all(attempts)) {
          scenario.report.fuzzCases += 1;
          if (leaks(outcome)) scenario.report.violation(`${endpoint.method} ${endpoint.path} with the victim's ${victimId} showed the victim's data: ${(outcome as { text: string }).text.slice(0, 200)}`);
        }
      }
    }
    const attackerProgress = await http.send('/api/course-progress', { token: attacker.token });
    if (leaks(attackerProgress)) scenario.report.violation('the attacker sees the victim in their own course progress');
    const ofVictim = async (type: string) => (await scenario.log.ofType(type)).filter((event) => event.data.learningMaterialsId === victim.learningMaterialsId).length;
    const changed = (await ofVictim('TaskWasCompleted')) + (await ofVictim('TaskWasUncompleted')) + (await ofVictim('LearningMaterialsUrlWasGenerated')) - 1;
    if (changed !== 0) scenario.report.violation(`the attacker's requests changed the victim's streams (${changed} events)`);
    scenario.report.note(`cross-user: ${(await scenario.log.count()) - before} events appended by the attacker's requests (their own only)`);
    expect(scenario.report.problems()).toEqual([]);
  });
});
