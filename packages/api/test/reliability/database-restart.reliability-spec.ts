import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchApiSurface } from './support/api-surface';
import type { AppProcess } from './support/app-process';
import { errorCodeOf, isAnswer, type HttpOutcome } from './support/http-driver';
import { verifyFinalState, type AcknowledgedCommand } from './support/invariants';
import { confirmedParticipant, newRegistration, PARTICIPANT_ENDPOINTS, register, REGISTRATION_ENDPOINTS, userIdOf, type Participant } from './support/participants';
import { startCluster, stopCluster } from './support/postgres-cluster';
import { Scenario, scaled } from './support/scenario';

/** A request during the outage must be answered within this (503), not hang until the client gives up. */
const FAIL_FAST_MS = 3_000;
const OUTAGE_MS = scaled(4_000, 'RELIABILITY_DB_OUTAGE_MS');
const WORKERS = 4;

type Phase = 'before' | 'outage' | 'recovering' | 'after';
type Observation = Readonly<{ phase: Phase; operation: string; outcome: HttpOutcome }>;

describe('database restart mid-workload', () => {
  let scenario: Scenario;
  let app: AppProcess;
  let failed = true;

  beforeAll(async () => {
    scenario = await Scenario.create('Database restart');
    app = await scenario.startApp();
  });

  afterAll(async () => {
    scenario.report.save(failed);
    await scenario.dispose();
  });

  it('given PostgreSQL restarts under load, then requests fail fast with 503, the app reconnects by itself, subscriptions resume and invariants hold', async () => {
    const { report } = scenario;
    const http = scenario.http(app);
    const surface = await fetchApiSurface(http);
    const canRegister = surface.missing(REGISTRATION_ENDPOINTS).length === 0;
    const reader: Participant | undefined = surface.missing(PARTICIPANT_ENDPOINTS).length === 0 ? await confirmedParticipant(http, scenario.mailbox, 'reader') : undefined;
    if (!canRegister) report.note('registration endpoint not on main yet: workload is health and readiness probes only');
    if (!reader) report.note('login/users endpoints not on main yet: no read-model reads in the workload');

    const acknowledged: AcknowledgedCommand[] = [];
    const observations: Observation[] = [];
    let phase: Phase = 'before';
    let running = true;
    const operations: { name: string; run: () => Promise<HttpOutcome> }[] = [
      { name: 'GET /api/health/ready', run: () => http.send('/api/health/ready', { timeoutMs: 10_000 }) },
      ...(canRegister
        ? [{
            name: 'POST /api/user-registration',
            run: async () => {
              const outcome = await register(http, newRegistration('restart'));
              const userId = userIdOf(outcome);
              if (userId) acknowledged.push({ eventType: 'UserRegistrationWasStarted', data: { userId } });
              return outcome;
            },
          }]
        : []),
      ...(reader ? [{ name: 'GET /api/users/me', run: () => http.send('/api/users/me', { token: reader.token, timeoutMs: 10_000 }) }] : []),
    ];
    const worker = async (index: number) => {
      for (let round = index; running; round++) {
        const operation = operations[round % operations.length]!;
        const startedIn = phase;
        const outcome = await operation.run();
        observations.push({ phase: startedIn === phase ? phase : 'recovering', operation: operation.name, outcome });
        await sleep(20);
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, index) => worker(index));

    await sleep(2_000);
    http.expectUnavailable = true;
    stopCluster(scenario.cluster, 'immediate');
    report.faultsInjected += 1;
    phase = 'outage';
    await sleep(OUTAGE_MS);
    phase = 'recovering';
    startCluster(scenario.cluster);
    const restartedAt = Date.now();
    await app.waitReady(30_000);
    report.note(`app ready again ${Date.now() - restartedAt} ms after PostgreSQL came back, without a restart of its own`);
    await sleep(1_000);
    http.expectUnavailable = false;
    phase = 'after';
    await sleep(3_000);
    running = false;
    await Promise.all(workers);

    const during = observations.filter((observation) => observation.phase === 'outage');
    for (const { operation, outcome } of during) {
      if (outcome.kind === 'no-answer') report.violation(`${operation} during the outage got no answer: ${outcome.error}`);
      else if (outcome.durationMs > FAIL_FAST_MS) report.violation(`${operation} during the outage took ${outcome.durationMs} ms`);
      else if (outcome.status !== 503 || !errorCodeOf(outcome)) report.violation(`${operation} during the outage answered ${outcome.status} ${outcome.text.slice(0, 200)}`);
    }
    const after = observations.filter((observation) => observation.phase === 'after');
    const failedAfter = after.filter(({ outcome }) => !isAnswer(outcome) || outcome.status >= 500);
    if (failedAfter.length > 0) report.violation(`${failedAfter.length} of ${after.length} requests after recovery failed, e.g. ${JSON.stringify(failedAfter[0])}`);
    if (canRegister && !after.some(({ operation, outcome }) => operation.startsWith('POST') && isAnswer(outcome, 201, 202))) {
      report.violation('no registration succeeded after the database came back');
    }
    report.note(`${during.length} requests during a ${OUTAGE_MS} ms outage; statuses ${http.summary()}`);

    let lateMail: Promise<void> = Promise.resolve();
    if (reader && canRegister) {
      // Subscriptions resumed: the confirmation automation mails a participant registered after the restart.
      const late = newRegistration('after-restart');
      const userId = userIdOf(await register(http, late));
      if (userId) acknowledged.push({ eventType: 'UserRegistrationWasStarted', data: { userId } });
      const registeredAt = Date.now();
      lateMail = scenario.mailbox.waitForMail(late.email, () => true, 90_000).then(
        () => report.note(`confirmation mail of a registration after the restart arrived in ${Date.now() - registeredAt} ms (behind the outage's backlog)`),
        () => report.violation('no confirmation mail within 90 s of a registration after the restart: automations did not resume'),
      );
    }
    report.commandsAcknowledged += acknowledged.length;
    await lateMail;
    await verifyFinalState(scenario, acknowledged);
    expect(report.problems()).toEqual([]);
    failed = false;
  });
});
