import type { BenchDatabase } from './bench-database';
import { ErrorLog } from './measure/concurrency';
import { LatencyRecorder } from './measure/latency-recorder';
import { cpuPerUnit, readCpu } from './measure/cpu-time';
import { collectGarbage, RssSampler, rssOfProcess } from './measure/rss-sampler';
import { median, percentile } from './measure/statistics';
import type { WorkloadSizes } from './options';
import type { MemoryCheck } from './workloads';
import type { Contender, Target, Workload } from './workloads/workload';

const MB = 1024 * 1024;

export type RunResult = Readonly<{
  contender: Contender;
  round: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
  /** CPU time per unit of work: the worker's (server under test, else the bench) and the whole machine's. */
  workerCpuUs: number;
  machineCpuUs: number;
  errors: string[];
}>;

export type ContenderSummary = Readonly<{ throughput: number; p50Ms: number; p99Ms: number; peakRssMb: number; validRuns: number }>;

export type WorkloadResult = Readonly<{
  id: string;
  title: string;
  unit: Workload['unit'];
  latencyOf: string;
  target: Target;
  runs: RunResult[];
  ours: ContenderSummary | null;
  ceiling: ContenderSummary | null;
  /**
   * Ours over the ceiling, in percent: the median over the rounds of each round's ratio (ours and
   * the ceiling run right after it), null when no round has both runs valid.
   */
  percentOfCeiling: number | null;
  failed: boolean;
}>;

export type MemoryResult = Readonly<{
  id: string;
  events: number;
  growthMb: number;
  limitMb: number;
  eventsPerSecond: number;
  /** The pace as a share of the mean of the reference runs (ours) right before and after; null when not compared. */
  pace: Readonly<{ ofWorkloadId: string; minPercent: number; percent: number | null; referenceEventsPerSecond: readonly number[] }> | null;
  errors: string[];
}>;

type Progress = (line: string) => void;

/** Runs ours and the ceiling alternately, `rounds` times each, every run in a fresh schema. */
export async function measureWorkload(
  database: BenchDatabase,
  workload: Workload,
  sizes: WorkloadSizes,
  rounds: number,
  progress: Progress,
): Promise<WorkloadResult> {
  const runs: RunResult[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const contender of workload.contenders) {
      const result = await measureRun(database, workload, contender, round, sizes);
      progress(describeRun(workload, result));
      runs.push(result);
    }
  }
  const ours = summarize(runs, 'ours');
  const ceiling = summarize(runs, 'ceiling');
  return {
    id: workload.id,
    title: workload.title,
    unit: workload.unit,
    latencyOf: workload.latencyOf,
    target: workload.target,
    runs,
    ours,
    ceiling,
    percentOfCeiling: medianRoundRatio(runs),
    failed: runs.some((run) => run.errors.length > 0),
  };
}

/**
 * The machine's speed drifts over minutes (other load, CPU steal): the ceiling's own throughput
 * moved by a third between rounds of one run here. Ours and the ceiling of one round run back to
 * back, so their ratio leaves that drift out; the median of those ratios is the figure to judge.
 */
function medianRoundRatio(runs: readonly RunResult[]): number | null {
  const validRun = (contender: Contender, round: number) =>
    runs.find((run) => run.contender === contender && run.round === round && run.errors.length === 0);
  const ratios = [...new Set(runs.map((run) => run.round))].flatMap((round) => {
    const ours = validRun('ours', round);
    const ceiling = validRun('ceiling', round);
    return ours && ceiling ? [(100 * ours.throughput) / ceiling.throughput] : [];
  });
  return ratios.length > 0 ? median(ratios) : null;
}

type RunMeasurement = Readonly<{
  throughput: number;
  latencies: readonly number[];
  baselineRssBytes: number;
  peakRssBytes: number;
  cpu: { workerUs: number; machineUs: number };
  errors: ErrorLog;
}>;

/** One run in a fresh schema: prepare, settle, then time `execute` while sampling RSS, then verify. */
async function runOnce(database: BenchDatabase, workload: Workload, contender: Contender, label: string, sizes: WorkloadSizes): Promise<RunMeasurement> {
  const schema = await database.openRunSchema(label);
  const errors = new ErrorLog();
  const latencies = new LatencyRecorder();
  let throughput = 0;
  let rss = { baselineBytes: Number.NaN, peakBytes: Number.NaN };
  let cpu = { workerUs: Number.NaN, machineUs: Number.NaN };
  try {
    const run = await workload.prepare(contender, schema, sizes);
    try {
      await schema.settle();
      collectGarbage();
      const { workerProcessId } = run;
      const sampler = new RssSampler(workerProcessId ? () => rssOfProcess(workerProcessId()) : undefined);
      try {
        const cpuBefore = readCpu(workerProcessId?.());
        const { units, elapsedMs } = await run.execute(latencies, errors);
        cpu = cpuPerUnit(cpuBefore, readCpu(workerProcessId?.()), units);
        throughput = (1000 * units) / elapsedMs;
      } finally {
        rss = sampler.stop();
      }
      await run.verify(errors);
    } finally {
      await run.close?.();
    }
  } catch (error) {
    errors.add(error);
  } finally {
    await schema.dispose();
  }
  return { throughput, latencies: latencies.latencies(), baselineRssBytes: rss.baselineBytes, peakRssBytes: rss.peakBytes, cpu, errors };
}

async function measureRun(database: BenchDatabase, workload: Workload, contender: Contender, round: number, sizes: WorkloadSizes): Promise<RunResult> {
  const run = await runOnce(database, workload, contender, `${workload.id}_${contender}_${round}`, sizes);
  return {
    contender,
    round,
    throughput: run.throughput,
    p50Ms: percentile(run.latencies, 50),
    p99Ms: percentile(run.latencies, 99),
    peakRssMb: run.peakRssBytes / MB,
    workerCpuUs: run.cpu.workerUs,
    machineCpuUs: run.cpu.machineUs,
    errors: run.errors.summary(),
  };
}

/** Medians over the contender's runs without errors: a failed run never counts. */
function summarize(runs: readonly RunResult[], contender: Contender): ContenderSummary | null {
  const valid = runs.filter((run) => run.contender === contender && run.errors.length === 0);
  if (valid.length === 0) return null;
  const of = (pick: (run: RunResult) => number) => median(valid.map(pick));
  return {
    throughput: of((run) => run.throughput),
    p50Ms: of((run) => run.p50Ms),
    p99Ms: of((run) => run.p99Ms),
    peakRssMb: of((run) => run.peakRssMb),
    validRuns: valid.length,
  };
}

/**
 * Peak growth of the process's RSS over its level just before the workload's measured phase,
 * for one run of ours: catching up must page through the log, not hold it.
 */
export async function measureMemoryGrowth(database: BenchDatabase, check: MemoryCheck, sizes: WorkloadSizes): Promise<MemoryResult> {
  const events = check.events(sizes);
  const references: RunMeasurement[] = [];
  const runReference = async () => {
    if (check.pace) references.push(await runOnce(database, check.workload, 'ours', `${check.id}_pace_reference`, sizes));
  };
  await runReference();
  const run = await runOnce(database, check.workload, 'ours', `${check.id}_memory`, { ...sizes, catchUpEvents: events });
  await runReference();
  const validReferences = references.filter((reference) => reference.errors.count === 0).map((reference) => reference.throughput);
  return {
    id: check.id,
    events,
    growthMb: (run.peakRssBytes - run.baselineRssBytes) / MB,
    limitMb: check.limitMb,
    eventsPerSecond: run.throughput,
    pace: check.pace && {
      ...check.pace,
      percent: validReferences.length === 2 ? (100 * run.throughput) / mean(validReferences) : null,
      referenceEventsPerSecond: validReferences,
    },
    errors: [...run.errors.summary(), ...references.flatMap((reference) => reference.errors.summary().map((error) => `pace reference: ${error}`))],
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function describeRun(workload: Workload, run: RunResult): string {
  const outcome = run.errors.length > 0 ? `FAILED: ${run.errors.join('; ')}` : 'ok';
  return (
    `${workload.id} ${run.contender.padEnd(7)} #${run.round}: ${workload.unit === null ? '' : `${Math.round(run.throughput)} ${workload.unit}, `}` +
    `p50 ${run.p50Ms.toFixed(2)} ms, p99 ${run.p99Ms.toFixed(2)} ms, peak RSS ${run.peakRssMb.toFixed(0)} MB, ` +
    `CPU per ${workload.unit === null ? 'operation' : workload.unit.replace('/s', '').replace(/s$/, '')} ${microseconds(run.workerCpuUs)} (machine ${microseconds(run.machineCpuUs)}) — ${outcome}`
  );
}

/** Unknown (NaN) for a worker that was not one process throughout, such as a server started while timed. */
function microseconds(value: number): string {
  return Number.isNaN(value) ? 'not measured' : `${value.toFixed(0)} µs`;
}
