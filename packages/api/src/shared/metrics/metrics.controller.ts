import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppMetrics } from './app-metrics';

export const METRICS_PATH = 'metrics';

/** Prometheus scrapes /metrics (outside /api: it is for the platform, not for API clients). */
@ApiExcludeController()
@Controller(METRICS_PATH)
export class MetricsController {
  constructor(private readonly metrics: AppMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
