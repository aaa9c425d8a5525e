import { WebSocket } from 'ws';

export type FeedMessage = Readonly<{ position: number; type: string; occurredAt: string; data: Record<string, unknown> }>;

export type HandshakeRefusal = Readonly<{ status: number; body: unknown }>;

/** A WebSocket client of /api/events that keeps every message it receives. */
export class EventFeedClient {
  readonly messages: FeedMessage[] = [];
  private readonly waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      this.messages.push(JSON.parse(String(raw)) as FeedMessage);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  /** Connects, or rejects with the HTTP status and body the handshake was refused with. */
  static connect(url: string, headers: Record<string, string> = {}): Promise<EventFeedClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      socket.once('open', () => resolve(new EventFeedClient(socket)));
      socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => reject(Object.assign(new Error(`refused ${response.statusCode}`), { refusal: { status: response.statusCode, body: JSON.parse(body || 'null') } })));
      });
      socket.once('error', reject);
    });
  }

  /** Waits until at least `count` messages arrived, and returns all of them. */
  async waitForMessages(count: number, timeoutMs = 10_000): Promise<FeedMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`Expected ${count} messages, got ${this.messages.length}: ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    return [...this.messages];
  }

  get lastPosition(): number {
    return this.messages.at(-1)?.position ?? 0;
  }

  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) {
      this.socket.close();
      await this.closed;
    }
  }
}

/** The refusal a failed `EventFeedClient.connect` carries. */
export async function refusalOf(connecting: Promise<EventFeedClient>): Promise<HandshakeRefusal> {
  try {
    const client = await connecting;
    await client.close();
  } catch (error) {
    const refusal = (error as { refusal?: HandshakeRefusal }).refusal;
    if (refusal) return refusal;
    throw error;
  }
  throw new Error('expected the handshake to be refused');
}

export function feedUrl(appUrl: string, query: Record<string, string | number> = {}): string {
  const url = new URL('/api/events', appUrl.replace(/^http/, 'ws'));
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
  return url.toString();
}
