import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIRECTORY, SCENARIO_RESULTS_DIRECTORY, type ScenarioResult } from './scenario-report';

export type RunSummary = Readonly<{
  finishedAt: string;
  scenariosRun: number;
  scenariosNotRun: number;
  scenariosFailed: number;
  faultsInjected: number;
  commandsAcknowledged: number;
  eventsVerified: number;
  fuzzCases: number;
  serverErrors: number;
  invariantViolations: number;
  scenarios: ScenarioResult[];
}>;

export function readScenarioResults(): ScenarioResult[] {
  if (!existsSync(SCENARIO_RESULTS_DIRECTORY)) return [];
  return readdirSync(SCENARIO_RESULTS_DIRECTORY)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(SCENARIO_RESULTS_DIRECTORY, file), 'utf8')) as ScenarioResult);
}

export function summarize(scenarios: ScenarioResult[]): RunSummary {
  const run = scenarios.filter((scenario) => scenario.outcome !== 'not run');
  const total = (pick: (scenario: ScenarioResult) => number) => run.reduce((sum, scenario) => sum + pick(scenario), 0);
  return {
    finishedAt: new Date().toISOString(),
    scenariosRun: run.length,
    scenariosNotRun: scenarios.length - run.length,
    scenariosFailed: run.filter((scenario) => scenario.outcome === 'failed').length,
    faultsInjected: total((scenario) => scenario.faultsInjected),
    commandsAcknowledged: total((scenario) => scenario.commandsAcknowledged),
    eventsVerified: total((scenario) => scenario.eventsVerified),
    fuzzCases: total((scenario) => scenario.fuzzCases),
    serverErrors: total((scenario) => scenario.serverErrors),
    invariantViolations: total((scenario) => scenario.invariantViolations),
    scenarios,
  };
}

export function renderMarkdown(summary: RunSummary): string {
  const totals = [
    '| metric | value |',
    '|---|---:|',
    `| scenarios run | ${summary.scenariosRun} (${summary.scenariosFailed} failed) |`,
    `| scenarios not run | ${summary.scenariosNotRun} |`,
    `| faults injected | ${summary.faultsInjected} |`,
    `| commands acknowledged | ${summary.commandsAcknowledged} |`,
    `| events verified | ${summary.eventsVerified} |`,
    `| fuzz cases tried | ${summary.fuzzCases} |`,
    `| 5xx seen | ${summary.serverErrors} |`,
    `| invariant violations | ${summary.invariantViolations} |`,
  ];
  const perScenario = [
    '| scenario | outcome | faults | acked | events verified | fuzz cases | 5xx | violations | notes |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|',
    ...summary.scenarios.map(
      (s) =>
        `| ${s.scenario} | ${s.outcome} | ${s.faultsInjected} | ${s.commandsAcknowledged} | ${s.eventsVerified} | ${s.fuzzCases} | ` +
        `${s.serverErrors} | ${s.invariantViolations} | ${s.notes.join('; ').replaceAll('|', '\\|')} |`,
    ),
  ];
  return [...totals, '', ...perScenario, ''].join('\n');
}

export function writeSummary(summary: RunSummary): void {
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  writeFileSync(join(RESULTS_DIRECTORY, 'latest.json'), JSON.stringify(summary, null, 2));
  writeFileSync(join(RESULTS_DIRECTORY, 'latest.md'), renderMarkdown(summary));
}
