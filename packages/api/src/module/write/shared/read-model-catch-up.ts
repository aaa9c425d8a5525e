import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventsSubscriptionsFactory, type ExecutionResult, type LogPosition } from '@coderscamp/event-sourcing';
import { logPositionOf } from '@coderscamp/event-sourcing/adapters';

const POLL_MS = 10;
const TIMEOUT_MS = 10_000;

/**
 * Read-your-writes for a command whose effect a read model must show before the request answers
 * (a logout is only a logout once the token check refuses the session). The subscription may run
 * on another instance, or as partitions over several, so this waits on the stored checkpoints, which
 * every instance sees (`handledLog`), rather than on the local `caughtUp()`, which only the instance
 * running it can answer.
 */
@Injectable()
export class ReadModelCatchUp {
  private readonly logger = new Logger(ReadModelCatchUp.name);

  constructor(private readonly subscriptions: EventsSubscriptionsFactory<unknown>) {}

  /**
   * Resolves once every subscription has handled the log up to `position` (null: nothing was
   * appended, nothing to wait for). The events are stored either way, so a projection that does not
   * catch up in time is logged rather than turned into a failure of a command that succeeded.
   */
  async waitFor(subscriptionIds: readonly string[], position: LogPosition | null): Promise<void> {
    if (position === null) return;
    const deadline = Date.now() + TIMEOUT_MS;
    const handled = this.subscriptions.handledLog(subscriptionIds);
    for (let behind = await handled.firstBehind(position); behind !== null; behind = await handled.firstBehind(position)) {
      if (Date.now() > deadline) {
        this.logger.warn({ msg: 'Read model did not catch up in time', subscriptionId: behind, globalPosition: position.globalPosition.toString() });
        return;
      }
      await sleep(POLL_MS);
    }
  }
}

/** Where a command's last event sits in the log; null when the decision appended nothing. */
export function lastAppendedPosition(result: ExecutionResult): LogPosition | null {
  const last = result.events.at(-1);
  return last === undefined ? null : logPositionOf(last);
}
