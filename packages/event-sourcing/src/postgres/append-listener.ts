import type { AppendNotification, Unsubscribe } from '../core/event-store';
import type { SdkLogger } from '../core/logger';
import type { AppendNotifier } from './append-notifier';
import type { SqlClient, SqlSession } from './sql-client';

type Listener = (notification: AppendNotification) => void;

/**
 * Tells the process's listeners of appends: its own at once, with their event types, and other
 * processes' as their notifications arrive, through LISTEN on a session of its own that is
 * reopened whenever it is lost.
 */
export class AppendListener {
  private readonly listeners = new Set<Listener>();
  private session: SqlSession | null = null;
  private listening: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly client: SqlClient,
    private readonly channel: string,
    private readonly notifier: AppendNotifier,
    private readonly logger: SdkLogger,
  ) {}

  /** Starts listening on the first listener: a process that never subscribes holds no session. */
  add(listener: Listener): Unsubscribe {
    this.listeners.add(listener);
    this.listening ??= this.listen(false);
    return () => this.listeners.delete(listener);
  }

  notifyLocally(notification: AppendNotification): void {
    this.listeners.forEach((listener) => listener(notification));
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = null;
    await session?.release();
  }

  private async listen(reconnecting: boolean): Promise<void> {
    for (let attempt = 1; !this.closed; attempt++) {
      try {
        const session = await this.client.openSession();
        if (this.closed) return void (await session.release());
        session.onLost((error) => {
          this.logger.warn('Lost the event notification session; reconnecting', { error: error.message });
          this.session = null;
          this.listening = this.listen(true);
        });
        await session.listen(this.channel, (payload) => this.onNotification(BigInt(payload || '0')));
        this.session = session;
        // Appends may have happened while no one listened: let subscribers look.
        if (reconnecting || attempt > 1) this.notifyLocally({ lastGlobalPosition: 0n });
        return;
      } catch (error) {
        this.logger.warn('Cannot listen for event notifications yet', { error: (error as Error).message, attempt });
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** attempt)));
      }
    }
  }

  /** Another process's appends, or this one's coming back: those were told locally, with their types, already. */
  private onNotification(lastGlobalPosition: bigint): void {
    if (!this.notifier.isOwnEcho(lastGlobalPosition)) this.notifyLocally({ lastGlobalPosition });
  }
}
