import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AppValidationPipe } from './app-validation.pipe';
import { HttpErrorFilter } from './http-error.filter';

/** Installs request validation and error mapping for every controller. */
@Module({
  providers: [
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    { provide: APP_PIPE, useClass: AppValidationPipe },
  ],
})
export class ErrorsModule {}
