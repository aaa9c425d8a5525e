import type { SubscriptionStatus } from '@coderscamp/event-sourcing';

/** What the running instance has done with the model's elements since it started: the board's live figures. */
export type EventModelFigures = Readonly<{
  /** When this instance started counting: counters are per process, not shared between instances. */
  countedSince: string;
  commands: readonly CommandFigures[];
  subscriptions: readonly SubscriptionFigures[];
}>;

export type CommandFigures = Readonly<{
  type: string;
  /** Every execution through the command bus, whatever its outcome. */
  handled: number;
  succeeded: number;
  /** Failed executions by the stable code of their error (`EMAIL_ALREADY_REGISTERED`, `CONCURRENCY_CONFLICT`, …). */
  rejected: Readonly<Record<string, number>>;
}>;

export type SubscriptionFigures = Readonly<Pick<SubscriptionStatus, 'subscriptionId' | 'state' | 'lagEvents' | 'lagSeconds' | 'parkedEvents'>>;

/** A counter's samples as prom-client gives them. */
export type CounterSample = Readonly<{ value: number; labels: Readonly<Partial<Record<string, string | number>>> }>;

/**
 * Joins the command counters (`commands_handled_total{type,outcome}`, `commands_rejected_total{type,code}`)
 * and the subscriptions' statuses into figures per command type and per subscription, sorted by name.
 */
export function eventModelFigures(
  countedSince: Date,
  handled: readonly CounterSample[],
  rejected: readonly CounterSample[],
  statuses: readonly SubscriptionStatus[],
): EventModelFigures {
  const byType = new Map<string, { type: string; handled: number; succeeded: number; rejected: Record<string, number> }>();
  const figuresOf = (type: string) => {
    const existing = byType.get(type);
    if (existing !== undefined) return existing;
    const created = { type, handled: 0, succeeded: 0, rejected: {} as Record<string, number> };
    byType.set(type, created);
    return created;
  };
  for (const { value, labels } of handled) {
    const figures = figuresOf(String(labels.type));
    figures.handled += value;
    if (labels.outcome === 'success') figures.succeeded += value;
  }
  for (const { value, labels } of rejected) {
    const figures = figuresOf(String(labels.type));
    const code = String(labels.code);
    figures.rejected[code] = (figures.rejected[code] ?? 0) + value;
  }
  return {
    countedSince: countedSince.toISOString(),
    commands: [...byType.values()].sort((a, b) => a.type.localeCompare(b.type)),
    subscriptions: statuses
      .map(({ subscriptionId, state, lagEvents, lagSeconds, parkedEvents }) => ({ subscriptionId, state, lagEvents, lagSeconds, parkedEvents }))
      .sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId)),
  };
}
