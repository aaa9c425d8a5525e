import { STATUS_CODES } from 'node:http';
import { HttpStatus } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { HttpErrorBody } from '../errors/http-error-body';
import { errorCodesOf } from './api-error-response.decorator';
import { PUBLIC_OPERATION_EXTENSION } from './api-security.decorators';

type Response = { description?: string; content?: Record<string, unknown> };
type Operation = { [PUBLIC_OPERATION_EXTENSION]?: boolean; security?: unknown[]; requestBody?: unknown; parameters?: unknown[]; responses?: Record<string, Response> };

export const ERROR_SCHEMA_NAME = 'HttpErrorResponse';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Answered by the platform (pipes, guards, body parser, error filter) rather than by the controller. */
const PLATFORM_ERRORS = {
  validation: { status: '400', description: 'VALIDATION_FAILED or MALFORMED_JSON: the request does not match its schema' },
  unauthenticated: { status: '401', description: 'UNAUTHORIZED: missing, invalid or expired access token' },
  tooLarge: { status: '413', description: 'PAYLOAD_TOO_LARGE: the request body exceeds BODY_LIMIT_BYTES' },
  notJson: { status: '415', description: 'UNSUPPORTED_MEDIA_TYPE: the request body is not application/json' },
  internal: { status: '500', description: 'INTERNAL_ERROR: an unexpected failure' },
  unavailable: { status: '503', description: 'DATABASE_UNAVAILABLE or EVENT_STORE_UNAVAILABLE: the database is temporarily unavailable; retry later' },
} as const;

/**
 * Completes the generated document so it states every response the app really gives (and that public
 * routes need no credentials): each error
 * status carries the `{statusCode, code, message}` schema with one example per code its description
 * names (see `ApiErrorResponse`), and the statuses that the platform adds to a route (validation,
 * authentication, body limit and type, failures) are listed on every route they can happen on.
 * Controllers then document only what their own handler decides.
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
  if (operation[PUBLIC_OPERATION_EXTENSION]) {
    delete operation[PUBLIC_OPERATION_EXTENSION];
    operation.security = [];
  }
  const responses = (operation.responses ??= {});
  const hasBody = operation.requestBody !== undefined;
  const platformErrors = [
    ...(hasBody || (operation.parameters?.length ?? 0) > 0 ? [PLATFORM_ERRORS.validation] : []),
    ...((operation.security?.length ?? 0) > 0 ? [PLATFORM_ERRORS.unauthenticated] : []),
    ...(hasBody ? [PLATFORM_ERRORS.tooLarge, PLATFORM_ERRORS.notJson] : []),
    PLATFORM_ERRORS.internal,
    PLATFORM_ERRORS.unavailable,
  ];
  for (const { status, description } of platformErrors) responses[status] ??= { description };
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) >= 400) documentErrorResponse(Number(status), response);
  }
}

/**
 * A description naming no code gets the one the error filter gives a Nest exception without one:
 * the status's name (`UNAUTHORIZED`).
 */
function documentErrorResponse(status: number, response: Response): void {
  let codes = errorCodesOf(response.description);
  if (codes.length === 0) {
    const fallback = HttpStatus[status] ?? 'HTTP_ERROR';
    codes = [fallback];
    response.description = response.description ? `${fallback}: ${response.description}` : fallback;
  }
  const message = explanationOf(response.description) ?? STATUS_CODES[status] ?? 'Error';
  const examples = Object.fromEntries(
    codes.map((code) => [code, { summary: code, value: { statusCode: status, code, message } satisfies HttpErrorBody }]),
  );
  response.content = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` }, examples } };
}

function explanationOf(description: string | undefined): string | undefined {
  const explanation = description?.split(':').slice(1).join(':').trim();
  return explanation ? explanation.charAt(0).toUpperCase() + explanation.slice(1) : undefined;
}
