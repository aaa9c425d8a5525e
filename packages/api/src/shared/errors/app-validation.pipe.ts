import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { RequestValidationError } from './request-validation.error';

/** Rejects unknown properties instead of silently dropping them, so client typos surface as 400s. */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  }

  override createExceptionFactory() {
    return (errors: ValidationError[] = []) => new RequestValidationError(this.flattenValidationErrors(errors), sharedCodeOf(errors));
  }
}

/** The code every failed rule declares in its `context`, when they all declare the same one. */
function sharedCodeOf(errors: readonly ValidationError[]): string | undefined {
  const codes = failedRuleCodes(errors);
  const [first] = codes;
  return first !== undefined && codes.every((code) => code === first) ? first : undefined;
}

function failedRuleCodes(errors: readonly ValidationError[]): (string | undefined)[] {
  return errors.flatMap((error) => [
    ...Object.keys(error.constraints ?? {}).map((rule) => codeIn(error.contexts?.[rule])),
    ...failedRuleCodes(error.children ?? []),
  ]);
}

function codeIn(context: unknown): string | undefined {
  if (typeof context === 'object' && context !== null && 'code' in context && typeof context.code === 'string') return context.code;
  return undefined;
}
