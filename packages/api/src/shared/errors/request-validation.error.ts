/** A request body, query or parameter failed its DTO's class-validator rules. */
export class RequestValidationError extends Error {
  constructor(readonly violations: readonly string[]) {
    super(`Request validation failed: ${violations.join('; ')}`);
    this.name = 'RequestValidationError';
  }
}
