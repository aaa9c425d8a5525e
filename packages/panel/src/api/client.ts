import createClient from 'openapi-fetch';
import type { components, paths } from './openapi';

export type Schemas = components['schemas'];

/** What the app shows of a request that failed, whatever failed: the API, the network or the proxy. */
export type ApiFailure = Readonly<{
  /** 0 when no answer arrived at all. */
  status: number;
  code: string;
  message: string;
  /** The validation messages, each starting with the field it concerns. */
  details: readonly string[];
  /** What a participant quotes when reporting the problem; absent when the server never answered. */
  correlationId: string | undefined;
  /** From Retry-After on a 429: how long to wait. */
  retryAfterSeconds: number | undefined;
}>;

export type ApiResult<T> = Readonly<{ ok: true; data: T }> | Readonly<{ ok: false; failure: ApiFailure }>;

export const UNREACHABLE = 'SERVER_UNREACHABLE';

/** Same origin: the API serves the app, and Vite's dev server proxies /api. The access token travels as the httpOnly cookie. */
export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });

type FetchOutcome<T> = { data?: T; error?: unknown; response: Response };

/**
 * Runs one typed call and folds every way it can end into `ApiResult`: callers never see a
 * thrown network error or an untyped error body.
 */
export async function call<T>(request: () => Promise<FetchOutcome<T>>): Promise<ApiResult<T>> {
  let outcome: FetchOutcome<T>;
  try {
    outcome = await request();
  } catch {
    return { ok: false, failure: unreachable() };
  }
  if (outcome.response.ok) return { ok: true, data: outcome.data as T };
  return { ok: false, failure: failureOf(outcome.response, outcome.error) };
}

export function failureOf(response: Response, body: unknown): ApiFailure {
  const error = isHttpErrorBody(body) ? body : undefined;
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    status: response.status,
    code: error?.code ?? `HTTP_${response.status}`,
    message: error?.message ?? `The server answered ${response.status} ${response.statusText}`.trim(),
    details: error?.details ?? [],
    correlationId: response.headers.get('x-correlation-id') ?? undefined,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  };
}

function unreachable(): ApiFailure {
  return {
    status: 0,
    code: UNREACHABLE,
    message: 'The server cannot be reached. Check your connection and try again in a moment.',
    details: [],
    correlationId: undefined,
    retryAfterSeconds: undefined,
  };
}

function isHttpErrorBody(body: unknown): body is Schemas['HttpErrorResponse'] {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string' && typeof (body as { message?: unknown }).message === 'string';
}
