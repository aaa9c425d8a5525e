import type { ApplicationEvent } from '@coderscamp/event-sourcing';
import { causationTree, type CausationNode } from './causation-tree';

/** One request's flow in a line: what it started with, when, and how far it reached. */
export type FlowSummary = Readonly<{
  correlationId: string;
  /** The type of the first command at the top of its tree; null when its events predate command traces. */
  firstCommand: string | null;
  /** When the first command at the top was issued. */
  startedAt: Date;
  /** From the start to its last event. */
  durationMs: number;
  events: number;
  streams: number;
}>;

/** The summary of a flow from all of its events (as read by correlation id), its tree already built from them. */
export function flowSummary(correlationId: string, events: readonly ApplicationEvent[], tree: readonly CausationNode[] = causationTree(events)): FlowSummary {
  const startedAt = Math.min(...tree.map((command) => command.at.getTime()));
  const endedAt = Math.max(...events.map((event) => event.occurredAt.getTime()));
  return {
    correlationId,
    firstCommand: tree[0]?.type ?? null,
    startedAt: new Date(startedAt),
    durationMs: Math.max(0, endedAt - startedAt),
    events: events.length,
    streams: new Set(events.map((event) => event.streamName)).size,
  };
}

/**
 * The correlation ids of the flows among `events` (a stream's, or those about a user), newest
 * first: ordered by the flow's first event among them, latest in the log first, at most `limit`.
 */
export function latestCorrelationIds(events: readonly ApplicationEvent[], limit: number): string[] {
  const firstPositions = new Map<string, bigint>();
  for (const event of events) {
    const correlationId = event.metadata.correlationId;
    // Metadata is the writer's JSON: an event stored without a correlation id belongs to no flow.
    if (typeof correlationId !== 'string' || correlationId === '') continue;
    const known = firstPositions.get(correlationId);
    if (known === undefined || event.globalPosition < known) firstPositions.set(correlationId, event.globalPosition);
  }
  return [...firstPositions]
    .sort(([, a], [, b]) => (a < b ? 1 : a > b ? -1 : 0))
    .slice(0, limit)
    .map(([correlationId]) => correlationId);
}
