import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { fetchApiSurface, type ApiSurface } from './support/api-surface';
import type { AppProcess } from './support/app-process';
import { waitForQuiescence } from './support/event-log';
import { errorCodeOf, type HttpDriver, type HttpOutcome } from './support/http-driver';
import { completedTasks, LEARNING_ENDPOINTS, learners, register, REGISTRATION_ENDPOINTS, taskWebhook, userIdOf } from './support/participants';
import { Scenario, scaled } from './support/scenario';

const TASK_REQUESTS = scaled(200, 'RELIABILITY_STORM_TASKS');
const REGISTRATIONS = scaled(50, 'RELIABILITY_STORM_REGISTRATIONS');

const isSuccess = (outcome: HttpOutcome) => outcome.kind === 'answer' && outcome.status >= 200 && outcome.status < 300;
const isCodedConflict = (outcome: HttpOutcome) => outcome.kind === 'answer' && outcome.status === 409 && errorCodeOf(outcome) !== undefined;

describe('concurrency storms', () => {
  let scenario: Scenario;
  let app: AppProcess;
  let http: HttpDriver;
  let surface: ApiSurface;
  let failed = false;
  let ran = 0;

  beforeAll(async () => {
    scenario = await Scenario.create('Concurrency storms');
    app = await scenario.startApp();
    http = scenario.http(app);
    surface = await fetchApiSurface(http);
  });

  afterAll(async () => {
    if (ran === 0) scenario.report.notRun(`not run: ${[...surface.missing(LEARNING_ENDPOINTS), ...surface.missing(REGISTRATION_ENDPOINTS)].join(', ')} not on main yet`);
    else if (surface.missing(REGISTRATION_ENDPOINTS).length > 0) scenario.report.note('registration storm not run: POST /api/user-registration not on main yet');
    scenario.report.save(failed);
    await scenario.dispose();
  });

  const checkOutcomes = (what: string, outcomes: HttpOutcome[]) => {
    for (const outcome of outcomes) {
      if (!isSuccess(outcome) && !isCodedConflict(outcome)) {
        scenario.report.violation(`${what}: answered ${outcome.kind === 'answer' ? `${outcome.status} ${outcome.text.slice(0, 200)}` : outcome.error}`);
      }
    }
  };

  it(`given ${TASK_REQUESTS} concurrent task completions on one learning-materials stream, half of them duplicates, then each is 2xx or 409 with a code and the state equals a serial execution`, async (context) => {
    if (surface.missing(LEARNING_ENDPOINTS).length > 0) context.skip();
    ran += 1;
    onTestFailed(() => {
      failed = true;
    });
    const { report } = scenario;
    const [learner] = await learners(scenario, http, surface, ['storm']);
    if (!learner) throw new Error('no learner');
    const tasks = Array.from({ length: TASK_REQUESTS / 2 }, (_, index) => `storm-task-${index}`);
    const deliveries = shuffle([...tasks, ...tasks]);
    report.faultsInjected += 1;
    const outcomes = await Promise.all(deliveries.map((taskId) => taskWebhook(http, learner.learningMaterialsId, taskId, 'Completed')));
    checkOutcomes('task completion', outcomes);
    const acknowledgedTasks = new Set(deliveries.filter((_, index) => isSuccess(outcomes[index]!)));
    report.commandsAcknowledged += outcomes.filter(isSuccess).length;
    const conflicts = outcomes.filter(isCodedConflict).map(errorCodeOf);
    report.note(`tasks: ${outcomes.filter(isSuccess).length} × 2xx, ${conflicts.length} × 409 (${[...new Set(conflicts)].join(', ') || 'none'})`);

    const events = (await scenario.log.ofType('TaskWasCompleted')).filter((event) => event.data.learningMaterialsId === learner.learningMaterialsId);
    report.eventsVerified += events.length;
    for (const taskId of tasks) {
      const stored = events.filter((event) => event.data.taskId === taskId).length;
      // Serially, the first delivery completes the task and the duplicate is acknowledged as already done.
      const expected = acknowledgedTasks.has(taskId) ? 1 : 0;
      if (stored !== expected) report.violation(`task ${taskId}: ${stored} TaskWasCompleted events, a serial execution of the acknowledged requests gives ${expected}`);
    }
    await waitForQuiescence([app.url], scenario.log);
    const shown = await completedTasks(http, learner.token);
    if (shown !== events.length) report.violation(`course progress shows ${shown} completed tasks, the log has ${events.length}`);
    expect(report.problems()).toEqual([]);
  });

  it(`given ${REGISTRATIONS} concurrent registrations with case variants of one email, then exactly one is 201, the rest 409 with a code, and one registration exists`, async (context) => {
    if (surface.missing(REGISTRATION_ENDPOINTS).length > 0) context.skip();
    ran += 1;
    onTestFailed(() => {
      failed = true;
    });
    const { report } = scenario;
    const email = `storm-${Date.now().toString(36)}@reliability.test`;
    report.faultsInjected += 1;
    const outcomes = await Promise.all(
      Array.from({ length: REGISTRATIONS }, (_, index) => register(http, { fullName: `Storm ${index}`, email: caseVariant(email, index), password: 'storm-password-1' })),
    );
    checkOutcomes('registration', outcomes);
    const winners = outcomes.map(userIdOf).filter((userId): userId is string => userId !== undefined);
    report.commandsAcknowledged += winners.length;
    if (winners.length !== 1) report.violation(`${winners.length} registrations of one address were accepted, expected exactly 1`);
    const codes = new Set(outcomes.filter(isCodedConflict).map(errorCodeOf));
    report.note(`registrations: ${winners.length} × 201, ${outcomes.filter(isCodedConflict).length} × 409 (${[...codes].join(', ')})`);
    await waitForQuiescence([app.url], scenario.log);
    // Addresses are stored encrypted: the registrations of this address are those of the users its reservation stream names.
    const reservationStream = `EmailAddressReservation_${createHash('sha256').update(email).digest('hex')}`;
    const holders = new Set((await scenario.log.ofType('EmailAddressWasReserved')).filter((event) => event.streamName === reservationStream).map((event) => event.data.userId));
    const started = (await scenario.log.ofType('UserRegistrationWasStarted')).filter((event) => holders.has(event.data.userId));
    report.eventsVerified += started.length;
    if (started.length !== 1 || started[0]?.data.userId !== winners[0]) {
      report.violation(`the log holds ${started.length} registrations for ${email} (users ${started.map((event) => event.data.userId).join(', ')}), expected only ${winners[0]}`);
    }
    expect(report.problems()).toEqual([]);
  });
});

function caseVariant(email: string, seed: number): string {
  return [...email].map((char, index) => ((seed >> index % 16) & 1 ? char.toUpperCase() : char)).join('');
}

function shuffle<T>(items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}
