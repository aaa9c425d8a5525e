import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_DIRECTORY = join(__dirname, '..', 'results');
export const SCENARIO_RESULTS_DIRECTORY = join(RESULTS_DIRECTORY, 'scenarios');

export type ScenarioOutcome = 'passed' | 'failed' | 'not run';

export type ScenarioResult = Readonly<{
  scenario: string;
  outcome: ScenarioOutcome;
  /** Why a scenario did not run, or what it observed worth a line in the report. */
  notes: string[];
  faultsInjected: number;
  commandsAcknowledged: number;
  eventsVerified: number;
  fuzzCases: number;
  serverErrors: number;
  invariantViolations: number;
  durationMs: number;
}>;

const MAX_SAMPLES = 20;

/**
 * What one scenario did and found. Scenarios count as they go; `violation()` records a broken
 * invariant (the test then fails on `assertNoViolations`), `serverError()` an unexpected 5xx.
 */
export class ScenarioReport {
  readonly violations: string[] = [];
  readonly serverErrorSamples: string[] = [];
  readonly notes: string[] = [];
  faultsInjected = 0;
  commandsAcknowledged = 0;
  eventsVerified = 0;
  fuzzCases = 0;
  serverErrors = 0;
  private notRunReason: string | null = null;
  private readonly startedAt = Date.now();

  constructor(readonly scenario: string) {}

  violation(description: string): void {
    if (this.violations.length < MAX_SAMPLES * 10) this.violations.push(description);
  }

  serverError(description: string): void {
    this.serverErrors += 1;
    if (this.serverErrorSamples.length < MAX_SAMPLES) this.serverErrorSamples.push(description);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  notRun(reason: string): void {
    this.notRunReason = reason;
  }

  get wasNotRun(): boolean {
    return this.notRunReason !== null;
  }

  /** Fails the test with every broken invariant and unexpected 5xx listed. */
  problems(): string[] {
    return [...this.violations, ...this.serverErrorSamples.map((sample) => `5xx: ${sample}`)];
  }

  /** Writes the result for the run's summary; call once, in afterAll. */
  save(failed: boolean): ScenarioResult {
    const result: ScenarioResult = {
      scenario: this.scenario,
      outcome: this.notRunReason !== null ? 'not run' : failed || this.violations.length + this.serverErrors > 0 ? 'failed' : 'passed',
      notes: this.notRunReason !== null ? [this.notRunReason, ...this.notes] : this.notes,
      faultsInjected: this.faultsInjected,
      commandsAcknowledged: this.commandsAcknowledged,
      eventsVerified: this.eventsVerified,
      fuzzCases: this.fuzzCases,
      serverErrors: this.serverErrors,
      invariantViolations: this.violations.length,
      durationMs: Date.now() - this.startedAt,
    };
    mkdirSync(SCENARIO_RESULTS_DIRECTORY, { recursive: true });
    const file = this.scenario.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    writeFileSync(join(SCENARIO_RESULTS_DIRECTORY, `${file}.json`), JSON.stringify(result, null, 2));
    return result;
  }
}
