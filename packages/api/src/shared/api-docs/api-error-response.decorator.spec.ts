import { describe, expect, it } from 'vitest';
import { errorCodesOf } from './api-error-response.decorator';

describe('error codes of a response description', () => {
  it.each([
    ['EMAIL_ALREADY_REGISTERED', ['EMAIL_ALREADY_REGISTERED']],
    ['FORBIDDEN: not an admin', ['FORBIDDEN']],
    ['VALIDATION_FAILED, MALFORMED_JSON or COURSE_ENDS_BEFORE_IT_STARTS', ['VALIDATION_FAILED', 'MALFORMED_JSON', 'COURSE_ENDS_BEFORE_IT_STARTS']],
    ['CONCURRENCY_CONFLICT and other refusals; process.st retries', ['CONCURRENCY_CONFLICT']],
    ['INVALID_CREDENTIALS, for an unknown address and a wrong password alike', ['INVALID_CREDENTIALS']],
    ['The body exceeds BODY_LIMIT_BYTES', []],
    [undefined, []],
  ])('given the description %j, then the codes are %j', (description, codes) => {
    expect(errorCodesOf(description)).toEqual(codes);
  });
});
