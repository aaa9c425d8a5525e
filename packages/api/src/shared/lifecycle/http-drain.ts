import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../config/app-config';
import { PinoLoggerService } from '../observability/pino-logger.service';
import { drainHttpServer } from './drain-http-server';

/**
 * First step of shutdown (Nest runs every onModuleDestroy before beforeApplicationShutdown):
 * no new requests, the in-flight ones — and the commands they run — finish. Subscriptions stop
 * at a checkpoint after this, and the database pool closes last.
 */
@Injectable()
export class HttpDrain implements OnModuleDestroy {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
    private readonly logger: PinoLoggerService,
  ) {}

  async onModuleDestroy(): Promise<void> {
    // An application context without HTTP (the CLI) has nothing to drain.
    if (!this.adapterHost.httpAdapter) return;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const outcome = await drainHttpServer(fastify, this.config.shutdownTimeoutMs);
    if (outcome === 'timed-out') {
      this.logger.warn({ msg: 'Requests still running at the shutdown deadline were cut off', timeoutMs: this.config.shutdownTimeoutMs }, 'Shutdown');
    }
  }
}
