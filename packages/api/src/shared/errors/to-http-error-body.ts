import { HttpException, HttpStatus } from '@nestjs/common';
import { ConcurrencyError, DuplicateEventError, EventStoreUnavailableError, InvalidAppendError } from '@coderscamp/event-sourcing';
import { isConnectionFailure } from '@coderscamp/event-sourcing/postgres';
import { DomainRuleViolation, type RuleViolationKind } from '../../module/shared/errors/domain-rule-violation';
import type { HttpErrorBody } from './http-error-body';
import { MalformedJsonError } from './malformed-json.error';
import { RequestValidationError } from './request-validation.error';

const STATUS_OF_RULE_VIOLATION: Readonly<Record<RuleViolationKind, HttpStatus>> = {
  conflict: HttpStatus.CONFLICT,
  'not-found': HttpStatus.NOT_FOUND,
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  gone: HttpStatus.GONE,
};

/** Maps anything thrown while serving a request to the public error shape. */
export function toHttpErrorBody(exception: unknown): HttpErrorBody {
  if (exception instanceof DomainRuleViolation) {
    return { statusCode: STATUS_OF_RULE_VIOLATION[exception.kind], code: exception.code, message: exception.message };
  }
  if (exception instanceof RequestValidationError) {
    return {
      statusCode: HttpStatus.BAD_REQUEST,
      code: exception.code,
      message: exception.code === 'VALIDATION_FAILED' ? 'Request validation failed' : exception.violations.join('; '),
      details: exception.violations,
    };
  }
  if (exception instanceof MalformedJsonError) {
    return { statusCode: HttpStatus.BAD_REQUEST, code: 'MALFORMED_JSON', message: exception.message };
  }
  if (exception instanceof ConcurrencyError) {
    return {
      statusCode: HttpStatus.CONFLICT,
      code: exception.code,
      message: 'The resource was changed by another request; retry',
    };
  }
  if (exception instanceof DuplicateEventError) {
    return { statusCode: HttpStatus.CONFLICT, code: exception.code, message: 'This request was already processed' };
  }
  // Data the edge let through but the event store cannot keep (e.g. text PostgreSQL cannot store).
  if (exception instanceof InvalidAppendError) {
    return { statusCode: HttpStatus.BAD_REQUEST, code: exception.code, message: exception.message };
  }
  if (exception instanceof EventStoreUnavailableError) {
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      code: exception.code,
      message: 'The service is temporarily unavailable; retry later',
    };
  }
  if (isConnectionFailure(exception)) {
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      code: 'DATABASE_UNAVAILABLE',
      message: 'The service is temporarily unavailable; retry later',
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    return { statusCode, code: codeOf(exception) ?? HttpStatus[statusCode] ?? 'HTTP_ERROR', message: messageOf(exception) };
  }
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR', message: 'Internal server error' };
}

/** Edge errors name their own code: `new ConflictException({ code: 'EMAIL_ALREADY_REGISTERED', message })`. */
function codeOf(exception: HttpException): string | undefined {
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'code' in response && typeof response.code === 'string') {
    return response.code;
  }
  return undefined;
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const { message } = response;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
  }
  return exception.message;
}
