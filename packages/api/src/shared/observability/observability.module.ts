import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PinoLoggerService } from './pino-logger.service';
import { createRootLogger } from './root-logger';

@Global()
@Module({
  providers: [
    {
      provide: PinoLoggerService,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new PinoLoggerService(createRootLogger(config.logLevel)),
    },
  ],
  exports: [PinoLoggerService],
})
export class ObservabilityModule {}
