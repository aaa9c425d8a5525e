/** How much work each workload does; quick mode keeps three runs per contender, only smaller. */
export type WorkloadSizes = Readonly<{
  /** W1: appends, one event each, to a new stream. */
  appends: number;
  /** W2: streams, and read → append cycles per stream. */
  cycleStreams: number;
  cyclesPerStream: number;
  /** W3: reads of the one 50-event stream. */
  streamReads: number;
  /** W4: events the projection catches up. */
  catchUpEvents: number;
  /** W4 memory check: events caught up while RSS is sampled. */
  memoryCheckEvents: number;
}>;

export type BenchOptions = Readonly<{
  quick: boolean;
  serverUrl: string;
  runsPerContender: number;
  sizes: WorkloadSizes;
}>;

export const DEFAULT_BENCH_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';

const FULL_SIZES: WorkloadSizes = {
  appends: 20_000,
  cycleStreams: 200,
  cyclesPerStream: 50,
  streamReads: 5_000,
  catchUpEvents: 100_000,
  memoryCheckEvents: 200_000,
};

const QUICK_SIZES: WorkloadSizes = {
  appends: 600,
  cycleStreams: 32,
  cyclesPerStream: 10,
  streamReads: 600,
  catchUpEvents: 4_000,
  memoryCheckEvents: 8_000,
};

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const unknown = argv.filter((argument) => argument !== '--quick');
  if (unknown.length > 0) throw new Error(`Unknown argument(s): ${unknown.join(' ')} (only --quick is accepted)`);
  const quick = argv.includes('--quick');
  return {
    quick,
    serverUrl: env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_SERVER_URL,
    runsPerContender: 3,
    sizes: quick ? QUICK_SIZES : FULL_SIZES,
  };
}
