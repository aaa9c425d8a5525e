import type { EventStore } from '../core/event-store';
import { LOG_START, type ApplicationEvent, type LogPosition } from '../core/events';

const VISIBILITY_POLL_MS = 10;

/**
 * Reads every event after `after`, waiting until everything committed is visible: in a shared
 * PostgreSQL cluster another database's open transaction can hide new rows for a moment.
 */
export async function readAllSettled(store: EventStore, after: LogPosition = LOG_START, limit = 1_000): Promise<ApplicationEvent[]> {
  const events: ApplicationEvent[] = [];
  let position = after;
  for (;;) {
    const page = await store.readAll({ after: position, limit });
    events.push(...page.events);
    position = page.lastScannedPosition;
    if (page.isEndOfLog) {
      if ((await store.backlogAfter(position)).events === 0) return events;
      await new Promise((resolve) => setTimeout(resolve, VISIBILITY_POLL_MS));
    }
  }
}

/** The position after the last committed event, once it is visible. */
export async function settledEndOfLog(store: EventStore): Promise<LogPosition> {
  let position = LOG_START;
  for (;;) {
    const page = await store.readAll({ after: position, limit: 10_000, filter: { eventTypes: [] } });
    position = page.lastScannedPosition;
    if (page.isEndOfLog) {
      if ((await store.backlogAfter(position)).events === 0) return position;
      await new Promise((resolve) => setTimeout(resolve, VISIBILITY_POLL_MS));
    }
  }
}
