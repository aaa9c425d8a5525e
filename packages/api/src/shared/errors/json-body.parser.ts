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
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body.toString(), (error, parsed) => {
      if (error) done(new MalformedJsonError(), undefined);
      else if (nestsDeeperThan(parsed, MAX_JSON_DEPTH)) done(new MalformedJsonError(`Request body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      else done(null, parsed);
    });
  });
}

/** Iterative, so measuring a hostile body cannot overflow the stack either. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}
