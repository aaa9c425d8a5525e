import type { FastifyInstance } from 'fastify';
import { MalformedJsonError } from './malformed-json.error';

/**
 * Nest turns Fastify's own parse errors into anonymous HttpExceptions, losing their codes;
 * this parser keeps Fastify's hardened JSON parsing but raises an error the filter recognises.
 * The app is created with `bodyParser: false` so Nest does not register its own JSON parser.
 */
/** No request body of this API nests deeper; validators recurse, so deeper input could exhaust the stack. */
export const MAX_JSON_DEPTH = 32;

export function registerJsonBodyParser(fastify: FastifyInstance): void {
  // Every body of this API is JSON: another type is answered 415, not read as a string and validated.
  fastify.removeContentTypeParser('text/plain');
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body.toString(), (error, parsed) => {
      const problem = error ? 'Request body is not valid JSON' : problemWith(parsed);
      if (problem) done(new MalformedJsonError(problem), undefined);
      else done(null, parsed);
    });
  });
}

/**
 * Why a parsed body is refused, if it is: nested deeper than any body of this API, or holding the
 * NUL character, which PostgreSQL's text and jsonb cannot store (no field here needs it). Iterative,
 * so a hostile body cannot overflow the stack.
 */
function problemWith(body: unknown): string | undefined {
  const pending: [unknown, number][] = [[body, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return 'Request body contains the NUL character';
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth > MAX_JSON_DEPTH) return `Request body nests deeper than ${MAX_JSON_DEPTH} levels`;
    for (const [key, child] of Object.entries(current)) pending.push([key, depth], [child, depth + 1]);
  }
  return undefined;
}
