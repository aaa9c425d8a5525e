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
import type { Workload } from './workload';

/** Measured in this order; a new workload is one more module here. */
export const WORKLOADS: readonly Workload[] = [
  appendToNewStream(1),
  appendToNewStream(8),
  readDecideAppend,
  readStream,
  commandAfterRestart,
  subscriptionCatchUp,
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

/** The workload whose memory is checked over a longer catch-up, and the limit on its RSS growth. */
export const MEMORY_CHECK = { workload: subscriptionCatchUp, limitMb: 150 } as const;
