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
}>;

export type Workload = Readonly<{
  id: string;
  title: string;
  /** What `Execution.units` counts, per second. */
  unit: 'events/s' | 'ops/s';
  /** What a latency sample is, for the table's legend. */
  latencyOf: string;
  /** Minimum throughput of ours, as a percentage of the ceiling's. */
  targetPercent: number;
  /** Sets up a run in a fresh schema reachable through `pool` (its search_path). */
  prepare(contender: Contender, pool: Pool, sizes: WorkloadSizes): Promise<PreparedRun>;
}>;

/** A workload of the benchmark issue that needs parts not built yet; listed so the table shows the gap. */
export type PendingWorkload = Readonly<{ id: string; title: string; target: string; waitsFor: string }>;
