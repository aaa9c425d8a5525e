import { describe, expect, it } from 'vitest';
import { type FeedEnvironment, type FeedMessage, type FeedSocket, type FeedStatus, feedUrl, openEventFeed, reconnectDelayMs, TOKEN_EXPIRED_CLOSE_CODE } from './event-feed';

class FakeSocket implements FeedSocket {
  onopen: FeedSocket['onopen'] = null;
  onmessage: FeedSocket['onmessage'] = null;
  onclose: FeedSocket['onclose'] = null;
  closedWith: number | undefined;

  constructor(readonly url: string) {}

  open(): void {
    this.onopen?.(new Event('open'));
  }

  push(message: FeedMessage): void {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }

  drop(code = 1006): void {
    this.onclose?.({ code } as CloseEvent);
  }

  close(code?: number): void {
    this.closedWith = code;
  }
}

function givenFeed() {
  const sockets: FakeSocket[] = [];
  const retries: { run: () => void; delayMs: number; cancelled: boolean }[] = [];
  const environment: FeedEnvironment = {
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    location: { protocol: 'https:', host: 'coderscamp.example' },
    schedule: (run, delayMs) => {
      const retry = { run, delayMs, cancelled: false };
      retries.push(retry);
      return () => (retry.cancelled = true);
    },
  };
  const received: FeedMessage[] = [];
  const statuses: FeedStatus[] = [];
  const stop = openEventFeed({ onMessage: (message) => received.push(message), onStatus: (status) => statuses.push(status) }, environment);
  return { sockets, retries, received, statuses, stop };
}

const taskCompleted = (position: number, completedTasks: number): FeedMessage => ({
  position,
  type: 'TaskWasCompleted',
  occurredAt: '2026-01-01T00:00:00.000Z',
  data: { completedTasks },
});

describe('the event feed client', () => {
  it('given no message seen yet, when it connects, then it asks for new messages only, over wss on an https page', () => {
    const { sockets } = givenFeed();

    expect(sockets.map((socket) => socket.url)).toEqual(['wss://coderscamp.example/api/events']);
  });

  it('given messages up to position 7, when the connection drops, then it reconnects with after=7', () => {
    const { sockets, retries } = givenFeed();
    sockets[0]!.open();
    sockets[0]!.push(taskCompleted(6, 1));
    sockets[0]!.push(taskCompleted(7, 2));

    sockets[0]!.drop();
    retries[0]!.run();

    expect(sockets[1]!.url).toBe('wss://coderscamp.example/api/events?after=7');
  });

  it('given a replay that overlaps what was seen, then each position is delivered once, in order', () => {
    const { sockets, retries, received } = givenFeed();
    sockets[0]!.push(taskCompleted(6, 1));
    sockets[0]!.drop();
    retries[0]!.run();

    sockets[1]!.push(taskCompleted(6, 1));
    sockets[1]!.push(taskCompleted(8, 2));

    expect(received.map((message) => message.position)).toEqual([6, 8]);
  });

  it('given repeated failures, then it waits longer each time, and a successful connection starts over', () => {
    const { sockets, retries } = givenFeed();
    sockets[0]!.drop();
    retries[0]!.run();
    sockets[1]!.drop();
    retries[1]!.run();
    sockets[2]!.open();
    sockets[2]!.drop();

    expect(retries.map((retry) => retry.delayMs)).toEqual([reconnectDelayMs(0), reconnectDelayMs(1), reconnectDelayMs(0)]);
    expect(reconnectDelayMs(1)).toBeGreaterThan(reconnectDelayMs(0));
    expect(reconnectDelayMs(100)).toBe(15_000);
  });

  it('given the access token expired, when the server closes with 4401, then it reports signed-out and does not retry', () => {
    const { sockets, retries, statuses } = givenFeed();
    sockets[0]!.open();

    sockets[0]!.drop(TOKEN_EXPIRED_CLOSE_CODE);

    expect(retries).toEqual([]);
    expect(statuses.at(-1)).toBe('signed-out');
  });

  it('given a retry is pending, when stopped, then the retry is cancelled and the socket closed normally', () => {
    const { sockets, retries, stop } = givenFeed();
    sockets[0]!.drop();

    stop();

    expect(retries[0]!.cancelled).toBe(true);
    expect(sockets[0]!.closedWith).toBe(1000);
  });

  it('given a plain http page, then the feed is ws on the same host', () => {
    expect(feedUrl({ protocol: 'http:', host: 'localhost:4000' }, 3)).toBe('ws://localhost:4000/api/events?after=3');
  });
});
