import type { FastifyInstance } from 'fastify';
import { MalformedJsonError } from './malformed-json.error';

/**
 * Nest turns Fastify's own parse errors into anonymous HttpExceptions, losing their codes;
 * this parser keeps Fastify's hardened JSON parsing but raises an error the filter recognises.
 * The app is created with `bodyParser: false` so Nest does not register its own JSON parser.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body.toString(), (error, parsed) => {
      if (error) done(new MalformedJsonError(), undefined);
      else done(null, parsed);
    });
  });
}
