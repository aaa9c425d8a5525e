import type { ScenarioReport } from './scenario-report';

export type HttpRequest = Readonly<{
  method?: string;
  /** Serialised as JSON unless a string (sent as is). */
  body?: unknown;
  token?: string;
  headers?: Readonly<Record<string, string>>;
  timeoutMs?: number;
}>;

export type HttpAnswer = Readonly<{ kind: 'answer'; status: number; body: unknown; text: string; headers: Headers; durationMs: number }>;
export type HttpFailure = Readonly<{ kind: 'no-answer'; error: string; durationMs: number }>;
export type HttpOutcome = HttpAnswer | HttpFailure;

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * fetch against one or more app processes that counts every 5xx in the scenario's report.
 * `expectUnavailable` marks a window (a database outage) in which 503 is the right answer.
 */
export class HttpDriver {
  expectUnavailable = false;
  readonly statuses = new Map<number | 'no-answer', number>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly report: ScenarioReport,
  ) {}

  async send(path: string, request: HttpRequest = {}): Promise<HttpOutcome> {
    const { method = 'GET', body, token, headers = {}, timeoutMs = DEFAULT_TIMEOUT_MS } = request;
    const allHeaders = new Headers(headers);
    if (body !== undefined && !allHeaders.has('content-type')) allHeaders.set('content-type', 'application/json');
    if (token) allHeaders.set('authorization', `Bearer ${token}`);
    const startedAt = Date.now();
    try {
      const response = await fetch(`${this.baseUrl()}${path}`, {
        method,
        headers: allHeaders,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      const answer: HttpAnswer = { kind: 'answer', status: response.status, body: parseJson(text), text, headers: response.headers, durationMs: Date.now() - startedAt };
      this.count(answer.status);
      if (answer.status >= 500 && !(answer.status === 503 && this.expectUnavailable)) {
        this.report.serverError(`${method} ${path} → ${answer.status} ${text.slice(0, 300)}`);
      }
      return answer;
    } catch (error) {
      this.count('no-answer');
      return { kind: 'no-answer', error: (error as Error).message, durationMs: Date.now() - startedAt };
    }
  }

  summary(): string {
    return [...this.statuses.entries()].map(([status, count]) => `${status}×${count}`).join(', ');
  }

  private count(status: number | 'no-answer'): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }
}

export function isAnswer(outcome: HttpOutcome, ...statuses: number[]): outcome is HttpAnswer {
  return outcome.kind === 'answer' && (statuses.length === 0 || statuses.includes(outcome.status));
}

/** The error shape every endpoint answers with: 4xx/5xx bodies must carry a stable code. */
export function errorCodeOf(outcome: HttpOutcome): string | undefined {
  if (outcome.kind !== 'answer' || typeof outcome.body !== 'object' || outcome.body === null) return undefined;
  const code = (outcome.body as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
