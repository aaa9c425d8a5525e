import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { AppUrl } from './app-url';

/** Makes the start-up-validated `AppConfig`, and the `AppUrl` derived from it, injectable everywhere. */
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [{ provide: AppConfig, useValue: config }, AppUrl],
      exports: [AppConfig, AppUrl],
    };
  }
}
