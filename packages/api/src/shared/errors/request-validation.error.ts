/**
 * A request body, query or parameter failed its DTO's class-validator rules. `code` is
 * VALIDATION_FAILED unless every failed rule names the same code of its own (e.g. WEAK_PASSWORD),
 * so a client can tell that one problem apart without parsing messages.
 */
export class RequestValidationError extends Error {
  constructor(
    readonly violations: readonly string[],
    readonly code: string = 'VALIDATION_FAILED',
  ) {
    super(`Request validation failed: ${violations.join('; ')}`);
    this.name = 'RequestValidationError';
  }
}
