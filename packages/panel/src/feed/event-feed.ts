/**
 * The client of the WebSocket feed at /api/events (its AsyncAPI document: /api/asyncapi). The
 * server pushes the signed-in user's events, each with a position; after a dropped connection the
 * client reconnects with `?after=<last position seen>` and the server replays what it missed, so
 * nothing is lost and nothing is polled.
 */
export type FeedMessage = Readonly<{ position: number; type: string; occurredAt: string; data: Readonly<Record<string, unknown>> }>;

export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'signed-out';

/** The server closes with 4401 when the access token expires: reconnecting would only be refused. */
export const TOKEN_EXPIRED_CLOSE_CODE = 4401;
const CLOSED_BY_CLIENT = 1000;
const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 15_000;

export function feedUrl(location: Readonly<{ protocol: string; host: string }>, after: number | undefined): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/events${after === undefined ? '' : `?after=${after}`}`;
}

/** Doubling back-off, capped: a restarting server is not hammered by every open tab at once. */
export function reconnectDelayMs(failedAttempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** failedAttempts);
}

/**
 * The last position delivered. A replay after reconnecting may overlap what was already seen
 * (the server resends from `after`); a message at or before the cursor is a repeat and dropped.
 */
export class FeedCursor {
  private last: number | undefined;

  get after(): number | undefined {
    return this.last;
  }

  accept(message: FeedMessage): boolean {
    if (this.last !== undefined && message.position <= this.last) return false;
    this.last = message.position;
    return true;
  }
}

export type FeedSocket = Pick<WebSocket, 'close'> & {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
};

export type FeedEnvironment = Readonly<{
  openSocket: (url: string) => FeedSocket;
  location: Readonly<{ protocol: string; host: string }>;
  schedule: (run: () => void, delayMs: number) => () => void;
}>;

export type FeedListener = Readonly<{ onMessage: (message: FeedMessage) => void; onStatus: (status: FeedStatus) => void }>;

/** Opens the feed and keeps it open until the returned function is called. */
export function openEventFeed(listener: FeedListener, environment: FeedEnvironment = browserEnvironment()): () => void {
  const cursor = new FeedCursor();
  let socket: FeedSocket | undefined;
  let cancelRetry: (() => void) | undefined;
  let failedAttempts = 0;
  let stopped = false;

  const connect = () => {
    listener.onStatus(failedAttempts === 0 && cursor.after === undefined ? 'connecting' : 'reconnecting');
    const current = environment.openSocket(feedUrl(environment.location, cursor.after));
    socket = current;
    current.onopen = () => {
      failedAttempts = 0;
      listener.onStatus('live');
    };
    current.onmessage = (event) => {
      const message = parseMessage(event.data);
      if (message !== undefined && cursor.accept(message)) listener.onMessage(message);
    };
    current.onclose = (event) => {
      if (stopped) return;
      if (event.code === TOKEN_EXPIRED_CLOSE_CODE) return listener.onStatus('signed-out');
      listener.onStatus('reconnecting');
      cancelRetry = environment.schedule(connect, reconnectDelayMs(failedAttempts));
      failedAttempts += 1;
    };
  };

  connect();
  return () => {
    stopped = true;
    cancelRetry?.();
    socket?.close(CLOSED_BY_CLIENT);
  };
}

function parseMessage(raw: unknown): FeedMessage | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const message = JSON.parse(raw) as Partial<FeedMessage>;
    return typeof message.position === 'number' && typeof message.type === 'string' ? (message as FeedMessage) : undefined;
  } catch {
    return undefined;
  }
}

function browserEnvironment(): FeedEnvironment {
  return {
    openSocket: (url) => new WebSocket(url),
    location: window.location,
    schedule: (run, delayMs) => {
      const timer = window.setTimeout(run, delayMs);
      return () => window.clearTimeout(timer);
    },
  };
}
