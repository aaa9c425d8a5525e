import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthObservedAfter } from '../support/health';
import { fetchApiSurface } from './support/api-surface';
import type { AppProcess } from './support/app-process';
import { waitForQuiescence } from './support/event-log';
import { verifyFinalState } from './support/invariants';
import { LEARNING_ENDPOINTS, learners as givenLearners, REGISTRATION_ENDPOINTS, type Learner } from './support/participants';
import { Scenario, scaled } from './support/scenario';
import { MixedWorkload, progressMatchesLog } from './support/workload';

const RUN_MS = scaled(6_000, 'RELIABILITY_TWO_INSTANCES_MS');

describe('two instances on one database', () => {
  let scenario: Scenario;
  let first: AppProcess;
  let second: AppProcess;
  let failed = true;

  beforeAll(async () => {
    scenario = await Scenario.create('Two instances');
    first = await scenario.startApp('first');
    second = await scenario.startApp('second');
  });

  afterAll(async () => {
    scenario.report.save(failed);
    await scenario.dispose();
  });

  it('given two app processes under the workload and one SIGKILLed mid-run, then the survivor takes over every subscription and no event is processed twice into a read model', async (context) => {
    const { report } = scenario;
    const http = scenario.http();
    const surface = await fetchApiSurface(http);
    const canRegister = surface.missing(REGISTRATION_ENDPOINTS).length === 0;
    const missingLearning = surface.missing(LEARNING_ENDPOINTS);
    if (!canRegister && missingLearning.length > 0) {
      report.notRun(`not run: ${[...surface.missing(REGISTRATION_ENDPOINTS), ...missingLearning].join(', ')} not on main yet`);
      failed = false;
      context.skip();
    }
    if (!canRegister) report.note('registrations not in the workload: POST /api/user-registration not on main yet');
    if (missingLearning.length > 0) report.note(`task completions not in the workload: ${missingLearning.join(', ')} not on main yet`);
    const learners: Learner[] = missingLearning.length === 0 ? await givenLearners(scenario, http, surface, ['pair-a', 'pair-b']) : [];
    const workload = new MixedWorkload(http, { registrations: canRegister, learners, readers: surface.has('GET', '/api/users/me') ? learners : [] });
    workload.start(6);
    await sleep(RUN_MS / 2);
    // Kill whichever instance runs the subscriptions, so the other has to take them over mid-stream.
    const leader = (await activeSubscriptions(first)) >= (await activeSubscriptions(second)) ? first : second;
    const survivor = leader === first ? second : first;
    await leader.kill();
    report.faultsInjected += 1;
    await sleep(RUN_MS / 2);
    await workload.stop();
    report.commandsAcknowledged += workload.acknowledged.length;

    if (!(await waitForQuiescence([survivor.url], scenario.log))) report.violation('the survivor did not catch up');
    const health = await healthObservedAfter(survivor.url);
    const notTakenOver = health.subscriptions.filter((subscription) => !subscription.active || subscription.state !== 'live');
    if (notTakenOver.length > 0) report.violation(`the survivor did not take over: ${JSON.stringify(notTakenOver)}`);
    report.note(`killed ${leader.name}, which held the subscriptions; the survivor runs ${health.subscriptions.length}; statuses ${http.summary()}`);
    for (const learner of learners) {
      const countInLog = async (type: string) => (await scenario.log.ofType(type)).filter((event) => event.data.learningMaterialsId === learner.learningMaterialsId).length;
      const mismatch = await progressMatchesLog(scenario.http(survivor), learner, countInLog);
      if (mismatch) report.violation(mismatch);
    }
    await verifyFinalState(scenario, workload.acknowledged);
    expect(report.problems()).toEqual([]);
    failed = false;
  });
});

async function activeSubscriptions(app: AppProcess): Promise<number> {
  const health = await healthObservedAfter(app.url);
  return health.subscriptions.filter((subscription) => subscription.active).length;
}
