import { applyDecorators } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { HttpErrorResponse } from '../errors/http-error.response';
import type { RateLimitPolicy } from './rate-limit-policy';

const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': { description: 'Requests allowed in the window', schema: { type: 'integer', format: 'int32' } },
  'RateLimit-Remaining': { description: 'Requests left in the current window', schema: { type: 'integer', format: 'int32' } },
  'RateLimit-Reset': { description: 'Seconds until the current window ends', schema: { type: 'integer', format: 'int32' } },
} as const;

/** Documents a route's 429 with the policy's code, limit and window, and the headers it carries. */
export function ApiRateLimited(policy: RateLimitPolicy, counted: string): MethodDecorator {
  return applyDecorators(
    ApiTooManyRequestsResponse({
      type: HttpErrorResponse,
      description: `${policy.code} after ${policy.limit} ${counted} within ${describeWindow(policy.windowSeconds)}. Every answer of this route carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (draft IETF headers).`,
      headers: {
        'Retry-After': { description: 'Seconds until the limit allows another request', schema: { type: 'integer', format: 'int32' } },
        ...RATE_LIMIT_HEADERS,
      },
    }),
  );
}

function describeWindow(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}` : `${seconds / 60} minutes`;
}
