import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AdminAccounts } from './admin/admin-accounts';
import { AppModule } from './app.module';
import { setupApiDocs } from './shared/api-docs/setup-api-docs';
import type { AppConfig } from './shared/config/app-config';
import { type EnvOverrides, loadAppConfig } from './shared/config/load-app-config';
import { registerJsonBodyParser } from './shared/errors/json-body.parser';
import { registerCorrelationId } from './shared/observability/correlation-id.hook';
import { PinoLoggerService } from './shared/observability/pino-logger.service';
import { registerRequestLogging } from './shared/observability/request-logging.hook';

export const GLOBAL_PREFIX = 'api';

export type RunningApp = Readonly<{ app: NestFastifyApplication; config: AppConfig; url: string }>;

/**
 * Starts the whole application and listens. Configuration comes from the environment, with
 * `envOverrides` on top (tests pass e.g. `{ PORT: '0', DATABASE_URL }` for a random port and
 * their own database). Close it with `app.close()`.
 */
export async function createApp(envOverrides: EnvOverrides = {}): Promise<RunningApp> {
  const config = loadAppConfig({ ...process.env, ...envOverrides });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({ bodyLimit: config.http.bodyLimitBytes }),
    // Our JSON parser replaces Nest's, see registerJsonBodyParser.
    { bufferLogs: true, bodyParser: false },
  );
  try {
    const logger = app.get(PinoLoggerService);
    app.useLogger(logger);
    const fastify = app.getHttpAdapter().getInstance();
    registerCorrelationId(fastify);
    registerRequestLogging(fastify, logger.pino);
    registerJsonBodyParser(fastify);
    await app.register(fastifyCookie);
    app.setGlobalPrefix(GLOBAL_PREFIX);
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    setupApiDocs(app);
    // After init: the command handlers are registered on bootstrap.
    await app.init();
    if (config.admin !== undefined) await app.get(AdminAccounts).ensureFirstAdmin(config.admin);
    await app.listen({ port: config.http.port, host: config.http.host });
    const url = await app.getUrl();
    logger.log(`Listening on ${url}/${GLOBAL_PREFIX} (${config.database.kind})`, 'Bootstrap');
    return { app, config, url };
  } catch (error) {
    await app.close();
    throw error;
  }
}
