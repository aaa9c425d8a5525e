import { applyDecorators, type HttpStatus } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { HttpErrorResponse } from '../errors/http-error.response';

/**
 * Documents one error status of a route with the codes it answers:
 * `@ApiErrorResponse(HttpStatus.CONFLICT, ['EMAIL_ALREADY_REGISTERED'], 'the address has an account')`.
 * The description starts with the codes; the document shows one example per code from it
 * (`errorCodesOf`), so the example of a route always carries that route's own codes.
 */
export function ApiErrorResponse(status: HttpStatus, codes: readonly [string, ...string[]], explanation?: string): MethodDecorator & ClassDecorator {
  const listed = codes.length === 1 ? codes[0] : `${codes.slice(0, -1).join(', ')} or ${codes.at(-1)}`;
  return applyDecorators(ApiResponse({ status, type: HttpErrorResponse, description: explanation === undefined ? listed : `${listed}: ${explanation}` }));
}

const CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const CONNECTORS = new Set(['or', 'and']);

/**
 * The codes an error response's description starts with — `'A, B or C: why'` gives A, B and C —
 * up to the first word that is neither a code nor "or"/"and".
 */
export function errorCodesOf(description: string | undefined): string[] {
  const codes: string[] = [];
  for (const word of (description ?? '').split(/[\s,:;]+/)) {
    if (CODE.test(word)) codes.push(word);
    else if (!CONNECTORS.has(word) || codes.length === 0) break;
  }
  return codes;
}
