import type { Pool } from 'pg';
import type { ErrorLog } from '../measure/concurrency';
import type { LatencyRecorder } from '../measure/latency-recorder';
import type { WorkloadSizes } from '../options';

export type Contender = 'ours' | 'ceiling';

export const CONTENDERS: readonly Contender[] = ['ours', 'ceiling'];

/** What the measured phase did: how many units of work, and how long it took as a whole. */
export type Execution = Readonly<{ units: number; elapsedMs: number }>;

/**
 * One run, set up and waiting to be measured. `execute` is the only timed part; `verify` checks
 * afterwards, against the database, that the work was done exactly (both log into `errors`).
 */
export type PreparedRun = Readonly<{
  execute(latencies: LatencyRecorder, errors: ErrorLog): Promise<Execution>;
  verify(errors: ErrorLog): Promise<void>;
  close?(): Promise<void>;
  /**
   * The process doing the work when it is not the bench itself (a server under load): its RSS is
   * the one sampled. Undefined while no such process runs.
   */
  workerProcessId?(): number | undefined;
}>;

/**
 * What ours must reach: a share of the ceiling's throughput in the same run, or, where there is
 * nothing to compare with, a latency percentile below a bound (median over the runs).
 */
export type Target =
  | Readonly<{ kind: 'percentOfCeiling'; percent: number }>
  | Readonly<{ kind: 'latencyBelow'; percentile: 50 | 99; ms: number }>;

/** Where a run's database lives: its fresh schema, reachable through `pool` or, for child processes, `databaseUrl`. */
export type RunDatabase = Readonly<{ pool: Pool; databaseUrl: string }>;

export type Workload = Readonly<{
  id: string;
  title: string;
  /** What `Execution.units` counts, per second; null when the throughput means nothing (one start-up). */
  unit: 'events/s' | 'ops/s' | 'requests/s' | null;
  /** What a latency sample is, for the table's legend. */
  latencyOf: string;
  target: Target;
  /** Who runs; a workload without a ceiling runs ours alone. */
  contenders: readonly Contender[];
  /** Sets up a run in a fresh schema. */
  prepare(contender: Contender, database: RunDatabase, sizes: WorkloadSizes): Promise<PreparedRun>;
}>;
