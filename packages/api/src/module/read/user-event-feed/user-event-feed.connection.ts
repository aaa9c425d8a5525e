import { WebSocket } from 'ws';
import type { UserEventFeedReader } from './user-event-feed.reader';

const PAGE_SIZE = 200;

/**
 * One client's socket. Replay and live delivery are the same loop: read the user's feed after the
 * last position sent, send it, repeat until nothing is left. A wake-up that arrives while the loop
 * runs makes it go round once more, so no entry is skipped and none is sent twice.
 */
export class UserEventFeedConnection {
  private pumping = false;
  private wokenWhilePumping = false;
  isAlive = true;

  constructor(
    readonly socket: WebSocket,
    readonly userId: string,
    private lastSentPosition: number,
    private readonly reader: UserEventFeedReader,
    private readonly onError: (error: unknown) => void,
  ) {}

  wake(): void {
    if (this.pumping) {
      this.wokenWhilePumping = true;
      return;
    }
    this.pumping = true;
    void this.pump()
      .catch(this.onError)
      .finally(() => (this.pumping = false));
  }

  private async pump(): Promise<void> {
    do {
      this.wokenWhilePumping = false;
      for (;;) {
        if (this.socket.readyState !== WebSocket.OPEN) return;
        const messages = await this.reader.messagesAfter(this.userId, this.lastSentPosition, PAGE_SIZE);
        for (const message of messages) {
          this.socket.send(JSON.stringify(message));
          this.lastSentPosition = message.position;
        }
        if (messages.length < PAGE_SIZE) break;
      }
    } while (this.wokenWhilePumping);
  }
}
