import { taskCompletionOverHttp } from './h1-task-completion-over-http';
import { readYourWritesLag } from './h2-read-your-writes-lag';
import { startToHealthy } from './s1-start-to-healthy';
import { appendToNewStream } from './w1-append-to-new-stream';
import { readDecideAppend } from './w2-read-decide-append';
import { readStream } from './w3-read-stream';
import { commandAfterRestart } from './w6-command-after-restart';
import { subscriptionCatchUp } from './w4-subscription-catch-up';
import { partitionedCatchUp } from './w7-partitioned-catch-up';
import { readsDuringRebuild } from './w8-reads-during-rebuild';
import { personalDataRoundTrip } from './p1-personal-data';
import { causationLookup } from './c1-causation-lookup';
import { healthWithLargeLog } from './h3-health-with-large-log';
import type { WorkloadSizes } from '../options';
import type { Workload } from './workload';

/** Measured in this order; a new workload is one more module here. */
export const WORKLOADS: readonly Workload[] = [
  appendToNewStream(1),
  appendToNewStream(8),
  readDecideAppend,
  readStream,
  commandAfterRestart,
  subscriptionCatchUp('per-event'),
  subscriptionCatchUp('per-page'),
  partitionedCatchUp,
  readsDuringRebuild,
  personalDataRoundTrip('none'),
  personalDataRoundTrip('personal'),
  causationLookup,
  taskCompletionOverHttp,
  readYourWritesLag,
  healthWithLargeLog,
  startToHealthy('embedded'),
  startToHealthy('postgres'),
];

/**
 * A catch-up longer than W4's, one run of ours, whose RSS growth must stay under a limit: the
 * subscription must page through the log, not hold it. W5 also holds its pace against W4's:
 * catching up must not slow down as the log grows. W4's median comes from a quarter of an hour
 * earlier in the run, when the machine may have been faster or slower (W4's own rounds spread by
 * up to 45%), so the reference is a run of W4's size right before and one right after W5.
 */
export type MemoryCheck = Readonly<{
  id: string;
  workload: Workload;
  events: (sizes: WorkloadSizes) => number;
  limitMb: number;
  /** Events/s against the mean of a run at `ofWorkloadId`'s size right before and one right after. */
  pace: Readonly<{ ofWorkloadId: string; minPercent: number }> | null;
}>;

const catchUpPerEvent = WORKLOADS.find((workload) => workload.id === 'W4')!;

export const MEMORY_CHECKS: readonly MemoryCheck[] = [
  { id: 'W4-RSS', workload: catchUpPerEvent, events: (sizes) => sizes.memoryCheckEvents, limitMb: 150, pace: null },
  { id: 'W5', workload: catchUpPerEvent, events: (sizes) => sizes.longCatchUpEvents, limitMb: 50, pace: { ofWorkloadId: 'W4', minPercent: 90 } },
];
