import { appendToNewStream } from './w1-append-to-new-stream';
import { readDecideAppend } from './w2-read-decide-append';
import { readStream } from './w3-read-stream';
import { subscriptionCatchUp } from './w4-subscription-catch-up';
import type { PendingWorkload, Workload } from './workload';

/** Measured in this order; a new workload is one more module here. */
export const WORKLOADS: readonly Workload[] = [appendToNewStream(1), appendToNewStream(8), readDecideAppend, readStream, subscriptionCatchUp];

/** The workload whose memory is checked over a longer catch-up, and the limit on its RSS growth. */
export const MEMORY_CHECK = { workload: subscriptionCatchUp, limitMb: 150 } as const;

/** Workloads of the benchmark issue that drive the HTTP application, which is not built yet. */
export const PENDING_WORKLOADS: readonly PendingWorkload[] = [
  {
    id: 'H1',
    title: 'POST task completion through the HTTP stack, 16 connections, 10 s; ceiling: bare Fastify route doing the same INSERT',
    target: '≥ 50% of requests/s; report p99',
    waitsFor: 'the HTTP application',
  },
  {
    id: 'H2',
    title: "read-your-writes lag: task completion's 204 until GET /api/course-progress shows it, at 200 completions/s",
    target: 'p99 < 50 ms',
    waitsFor: 'the HTTP application',
  },
  {
    id: 'S1',
    title: '`npm start` to a healthy /api/health, on the embedded database and on PostgreSQL',
    target: '< 5 s embedded, < 2 s PostgreSQL',
    waitsFor: 'the HTTP application',
  },
];
