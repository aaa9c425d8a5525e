import type { EventStore, Unsubscribe } from '../core/event-store';
import type { Wakeup } from './wakeup';

/**
 * Appends of types a subscription does not handle are scanned past at most this long after
 * them, in one read however many came: its position and lag then follow the log within a
 * fraction of a second, not a whole poll interval, while a busy log costs it a few reads a second.
 */
const SCAN_PAST_UNHANDLED_MS = 250;

/**
 * What a live subscription learns of appends: it is woken at once for events it handles, and once
 * shortly after for any number of others. It also remembers how far it was told the log reaches,
 * since reads see only events older than every open transaction: until a page reaches that far,
 * an event it was told of may be hidden behind another transaction's commit.
 */
export class AppendWatch {
  private notifiedUpTo = 0n;
  private highestSeen = 0n;
  private unsubscribe: Unsubscribe | null = null;
  private scanPastUnhandled: NodeJS.Timeout | null = null;

  constructor(
    private readonly wakeup: Wakeup,
    private readonly handles: (eventType: string) => boolean,
  ) {}

  start(eventStore: EventStore): void {
    this.unsubscribe = eventStore.onAppended(({ lastGlobalPosition, eventTypes }) => {
      // Appends of nothing it handles need no read now: the next relevant append or the poll moves
      // it past them. Unless an older transaction hides an event it was told of: this commit may be that one.
      if (eventTypes && !eventTypes.some(this.handles)) {
        this.onCommitElsewhere();
        this.scheduleScanPastUnhandled();
        return;
      }
      if (lastGlobalPosition > this.notifiedUpTo) this.notifiedUpTo = lastGlobalPosition;
      this.wakeup.signal();
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    clearTimeout(this.scanPastUnhandled ?? undefined);
    this.scanPastUnhandled = null;
  }

  /** A page was read that reached this global position. */
  scanned(highestGlobalPosition: bigint): void {
    if (highestGlobalPosition > this.highestSeen) this.highestSeen = highestGlobalPosition;
  }

  /** Whether an event it was told of has not been read yet, e.g. because an older open transaction hides it. */
  get awaitsNotifiedEvents(): boolean {
    return this.highestSeen < this.notifiedUpTo;
  }

  /** Another transaction of this process committed: an event it awaits may have been waiting for exactly that commit. */
  onCommitElsewhere(): void {
    if (this.awaitsNotifiedEvents) this.wakeup.signal();
  }

  private scheduleScanPastUnhandled(): void {
    this.scanPastUnhandled ??= setTimeout(() => {
      this.scanPastUnhandled = null;
      this.wakeup.signal();
    }, SCAN_PAST_UNHANDLED_MS);
  }
}
