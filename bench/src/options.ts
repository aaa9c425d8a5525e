/** How much work each workload does; quick mode keeps three runs per contender, only smaller. */
export type WorkloadSizes = Readonly<{
  /** W1: appends, one event each, to a new stream. */
  appends: number;
  /** W2: streams, and read → append cycles per stream. */
  cycleStreams: number;
  cyclesPerStream: number;
  /** W6: commands, each by a freshly started application service, on the long stream and on the short one. */
  restartedCommands: number;
  /** W3: reads of the one 50-event stream. */
  streamReads: number;
  /** W4: events the projection catches up. */
  catchUpEvents: number;
  /** W7: events the partitioned projection catches up, on two processes and on one. */
  partitionedCatchUpEvents: number;
  /** W4 memory check: events caught up while RSS is sampled. */
  memoryCheckEvents: number;
  /** W5: events of the long catch-up, whose RSS growth and pace are held against W4's. */
  longCatchUpEvents: number;
  /** P1: events appended, then read back from the log's start. */
  personalDataEvents: number;
  /** C1: events in the log, and look-ups of one correlation's events in it. */
  causationLogEvents: number;
  causationLookups: number;
  /** W8: events a read model is rebuilt from while it is read. */
  rebuildEvents: number;
  /** H3: events in the log while /api/health is asked. */
  healthLogEvents: number;
  /** H1: seconds of load, and participants whose learning materials the completions spread over. */
  httpLoadSeconds: number;
  httpParticipants: number;
  /** H2: seconds of completions at the paced rate. */
  lagSeconds: number;
  /**
   * H1 and H2: seconds of the same load before the clock starts, for every contender, so each is
   * measured at its steady rate. Our app has far more code on the request path for V8 to optimize
   * than the ceiling: measured in 2-second slices of H1, its first two seconds ran at about half
   * its steady rate and it got there after about five; the ceiling's first two ran at about 90%.
   */
  httpWarmUpSeconds: number;
}>;

export type BenchOptions = Readonly<{
  quick: boolean;
  /** Workload id prefixes to run (`--only=H1,S1`), for profiling one of them; null runs all. */
  only: readonly string[] | null;
  serverUrl: string;
  runsPerContender: number;
  sizes: WorkloadSizes;
}>;

export const DEFAULT_BENCH_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';

const FULL_SIZES: WorkloadSizes = {
  appends: 20_000,
  cycleStreams: 200,
  cyclesPerStream: 50,
  restartedCommands: 500,
  streamReads: 5_000,
  catchUpEvents: 100_000,
  partitionedCatchUpEvents: 100_000,
  memoryCheckEvents: 200_000,
  longCatchUpEvents: 1_000_000,
  personalDataEvents: 40_000,
  causationLogEvents: 1_000_000,
  causationLookups: 2_000,
  rebuildEvents: 100_000,
  healthLogEvents: 1_000_000,
  httpLoadSeconds: 10,
  httpParticipants: 1_000,
  lagSeconds: 10,
  httpWarmUpSeconds: 5,
};

const QUICK_SIZES: WorkloadSizes = {
  appends: 600,
  cycleStreams: 32,
  cyclesPerStream: 10,
  restartedCommands: 50,
  streamReads: 600,
  catchUpEvents: 4_000,
  partitionedCatchUpEvents: 10_000,
  memoryCheckEvents: 8_000,
  longCatchUpEvents: 40_000,
  personalDataEvents: 2_000,
  causationLogEvents: 20_000,
  causationLookups: 300,
  rebuildEvents: 4_000,
  healthLogEvents: 20_000,
  httpLoadSeconds: 0.5,
  httpParticipants: 100,
  lagSeconds: 0.5,
  httpWarmUpSeconds: 0.25,
};

const ONLY = '--only=';

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const unknown = argv.filter((argument) => argument !== '--quick' && !argument.startsWith(ONLY));
  if (unknown.length > 0) throw new Error(`Unknown argument(s): ${unknown.join(' ')} (accepted: --quick, --only=<id prefixes, comma-separated>)`);
  const quick = argv.includes('--quick');
  const only = argv.find((argument) => argument.startsWith(ONLY));
  return {
    quick,
    only: only === undefined ? null : only.slice(ONLY.length).split(',').filter(Boolean),
    serverUrl: env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_SERVER_URL,
    runsPerContender: 3,
    sizes: quick ? QUICK_SIZES : FULL_SIZES,
  };
}
