import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { RequestValidationError } from './request-validation.error';

/** Rejects unknown properties instead of silently dropping them, so client typos surface as 400s. */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  }

  override createExceptionFactory() {
    return (errors: ValidationError[] = []) => new RequestValidationError(this.flattenValidationErrors(errors));
  }
}
