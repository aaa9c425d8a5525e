import { runCli, type AppEnvironment } from './app-process';
import { failedSubscriptions, waitForQuiescence as waitForQuiescenceOf, type EventLog } from './event-log';
import type { ScenarioReport } from './scenario-report';

/** A command the app acknowledged with 2xx, and the one event it must have left in the log. */
export type AcknowledgedCommand = Readonly<{ eventType: string; data: Readonly<Record<string, string>> }>;

/** Automations are named When<Event>Then<Command>_v<n>; rebuilding one would re-issue its commands. */
export const isAutomation = (subscriptionId: string) => /^When[A-Z]/.test(subscriptionId);

/** Streams are 1..n without gaps or repeats; no subscription parked an event. */
export async function verifyEventStore(log: EventLog, report: ScenarioReport): Promise<void> {
  for (const stream of await log.streamsWithGaps()) report.violation(`stream ${stream} has missing or repeated positions`);
  const parked = await log.parkedEvents();
  if (parked > 0) report.violation(`${parked} events were parked by a subscription`);
}

/** Every acknowledged command's event exists exactly once. */
export async function verifyAcknowledgedOnce(log: EventLog, report: ScenarioReport, acknowledged: readonly AcknowledgedCommand[]): Promise<void> {
  const types = [...new Set(acknowledged.map((command) => command.eventType))];
  for (const type of types) {
    const events = await log.ofType(type);
    for (const command of acknowledged.filter((candidate) => candidate.eventType === type)) {
      const matching = events.filter((event) => Object.entries(command.data).every(([key, value]) => event.data[key] === value));
      report.eventsVerified += matching.length;
      if (matching.length !== 1) {
        report.violation(`acknowledged ${type} ${JSON.stringify(command.data)} is in the log ${matching.length} times`);
      }
    }
  }
}

/**
 * The proof that no event was lost or handled twice by a read model: with the app stopped, snapshot
 * every read-model table, rebuild each read model from the first event with the CLI (`rebuild`,
 * which clears the table and replays the whole log), and compare the rows.
 */
export async function verifyReadModelsEqualRebuild(log: EventLog, env: AppEnvironment, report: ScenarioReport): Promise<string[]> {
  const readModels = (await log.subscriptionIds()).filter((id) => !isAutomation(id));
  const live = await log.readModelSnapshot();
  for (const subscriptionId of readModels) {
    const result = await runCli(['rebuild', subscriptionId], env);
    if (result.code !== 0 || !result.stdout.includes(`Rebuilt ${subscriptionId}`)) {
      report.violation(`rebuild ${subscriptionId} did not replay in the CLI (exit ${result.code}): ${(result.stdout + result.stderr).slice(-500)}`);
    }
  }
  const rebuilt = await log.readModelSnapshot();
  for (const table of new Set([...Object.keys(live), ...Object.keys(rebuilt)])) {
    const liveRows = live[table] ?? [];
    const rebuiltRows = rebuilt[table] ?? [];
    const onlyLive = liveRows.filter((row) => !rebuiltRows.includes(row));
    const onlyRebuilt = rebuiltRows.filter((row) => !liveRows.includes(row));
    if (onlyLive.length + onlyRebuilt.length > 0 || liveRows.length !== rebuiltRows.length) {
      report.violation(
        `read model ${table} differs from its rebuild (${liveRows.length} live rows, ${rebuiltRows.length} rebuilt); ` +
          `live only: ${onlyLive.slice(0, 3).join(' ')}; rebuilt only: ${onlyRebuilt.slice(0, 3).join(' ')}`,
      );
    }
  }
  return readModels;
}

/**
 * The end of every fault scenario: let the app finish its work, stop it, then check the log, the
 * acknowledged commands and every read model against its rebuild.
 */
export async function verifyFinalState(
  scenario: Readonly<{ apps: readonly { url: string; isRunning: boolean }[]; log: EventLog; env: AppEnvironment; report: ScenarioReport; stopApps(): Promise<void> }>,
  acknowledged: readonly AcknowledgedCommand[],
): Promise<void> {
  const running = scenario.apps.filter((app) => app.isRunning).map((app) => app.url);
  if (!(await waitForQuiescenceOf(running, scenario.log))) scenario.report.violation('the app did not catch up (subscriptions lagging or failed) within 60 s');
  for (const failed of await failedSubscriptions(running)) scenario.report.violation(`subscription failed: ${failed}`);
  await scenario.stopApps();
  await verifyEventStore(scenario.log, scenario.report);
  await verifyAcknowledgedOnce(scenario.log, scenario.report, acknowledged);
  const rebuilt = await verifyReadModelsEqualRebuild(scenario.log, scenario.env, scenario.report);
  scenario.report.note(`read models rebuilt and compared: ${rebuilt.join(', ') || 'none defined yet'}`);
}
