import type { OpenAPIObject } from '@nestjs/swagger';

type Responses = Record<string, { description?: string; content?: Record<string, unknown> }>;
type Operation = { security?: unknown[]; requestBody?: unknown; parameters?: unknown[]; responses?: Responses };

export const ERROR_SCHEMA_NAME = 'HttpErrorResponse';
const ERROR_CONTENT = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` } } };
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Answered by the platform (pipes, guards, body parser, error filter) rather than by the controller. */
const PLATFORM_ERRORS = {
  validation: { status: '400', description: 'VALIDATION_FAILED or MALFORMED_JSON: the request does not match its schema' },
  unauthenticated: { status: '401', description: 'Missing, invalid or expired access token' },
  tooLarge: { status: '413', description: 'The request body exceeds BODY_LIMIT_BYTES' },
  internal: { status: '500', description: 'INTERNAL_ERROR: an unexpected failure' },
  unavailable: { status: '503', description: 'The database or event store is temporarily unavailable; retry later' },
} as const;

/**
 * Completes the generated document so it states every response the app really gives: each error
 * status carries the `{statusCode, code, message}` schema, and the statuses that the platform adds
 * to a route (validation, authentication, body limit, failures) are listed on every route they
 * can happen on. Controllers then document only what their own handler decides.
 */
export function documentErrorResponses(document: OpenAPIObject): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (pathItem as Record<string, Operation | undefined>)[method];
      if (operation) completeOperation(operation);
    }
  }
  return document;
}

function completeOperation(operation: Operation): void {
  const responses = (operation.responses ??= {});
  const platformErrors = [
    ...(operation.requestBody !== undefined || (operation.parameters?.length ?? 0) > 0 ? [PLATFORM_ERRORS.validation] : []),
    ...((operation.security?.length ?? 0) > 0 ? [PLATFORM_ERRORS.unauthenticated] : []),
    ...(operation.requestBody !== undefined ? [PLATFORM_ERRORS.tooLarge] : []),
    PLATFORM_ERRORS.internal,
    PLATFORM_ERRORS.unavailable,
  ];
  for (const { status, description } of platformErrors) responses[status] ??= { description };
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) >= 400 && response.content === undefined) response.content = ERROR_CONTENT;
  }
}
