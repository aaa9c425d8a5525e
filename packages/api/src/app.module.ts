import { type DynamicModule, Module } from '@nestjs/common';
import { UserEventFeedReadModule } from './module/read/user-event-feed/user-event-feed.read-module';
import { SharedModule } from './module/write/shared/shared.module';
import { SubscriptionsRuntimeModule, type SubscriptionsRuntime } from './module/write/shared/subscriptions-runtime';
import type { AppConfig } from './shared/config/app-config';
import { AuthModule } from './shared/auth/auth.module';
import { ConfigModule } from './shared/config/config.module';
import { DatabaseModule } from './shared/database/database.module';
import { ErrorsModule } from './shared/errors/errors.module';
import { HealthModule } from './shared/health/health.module';
import { LifecycleModule } from './shared/lifecycle/lifecycle.module';
import { MetricsModule } from './shared/metrics/metrics.module';
import { ObservabilityModule } from './shared/observability/observability.module';

/** Slice modules: write, read and automation, one per Event Modeling slice. */
const SLICE_MODULES: DynamicModule['imports'] = [UserEventFeedReadModule];

/** Platform modules first, then the SDK wiring, then the slices. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, runtime: SubscriptionsRuntime = { startSubscriptions: true }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        SubscriptionsRuntimeModule.forRoot(runtime),
        ObservabilityModule,
        ErrorsModule,
        DatabaseModule,
        SharedModule,
        AuthModule,
        HealthModule,
        MetricsModule.forRoot(config.metricsEnabled),
        LifecycleModule,
        ...(SLICE_MODULES ?? []),
      ],
    };
  }
}
