import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppMetrics } from './app-metrics';
import { MetricsCollectors } from './metrics.collectors';
import { MetricsController } from './metrics.controller';

/** Metrics are always collected; METRICS_ENABLED decides whether /metrics serves them. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(endpointEnabled: boolean): DynamicModule {
    return {
      module: MetricsModule,
      controllers: endpointEnabled ? [MetricsController] : [],
      providers: [AppMetrics, MetricsCollectors],
      exports: [AppMetrics],
    };
  }
}
