import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './shared/config/app-config';
import { AuthModule } from './shared/auth/auth.module';
import { ConfigModule } from './shared/config/config.module';
import { DatabaseModule } from './shared/database/database.module';
import { ErrorsModule } from './shared/errors/errors.module';
import { HealthModule } from './shared/health/health.module';
import { ObservabilityModule } from './shared/observability/observability.module';

/** Platform modules first; slice modules (write, read, automation) are appended to `imports`. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule,
        ErrorsModule,
        DatabaseModule,
        AuthModule,
        HealthModule,
      ],
    };
  }
}
