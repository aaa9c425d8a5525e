import type { AddressInfo } from 'node:net';
import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AdminAccounts } from './module/write/admin-accounts/application/admin-accounts.process';
import { AppModule } from './app.module';
import { setupApiDocs } from './shared/api-docs/setup-api-docs';
import { JWT_SIGNING_SECRET, type JwtSigningSecret } from './shared/auth/jwt-signing-secret';
import type { AppConfig } from './shared/config/app-config';
import { AppUrl } from './shared/config/app-url';
import { type EnvOverrides, loadAppConfig } from './shared/config/load-app-config';
import { answerClientError } from './shared/errors/client-error.handler';
import { registerJsonBodyParser } from './shared/errors/json-body.parser';
import { registerHttpSecurity } from './shared/http-security/register-http-security';
import { registerUnreadBodyDrain } from './shared/http-limits/unread-body-drain.hook';
import { registerCorrelationId } from './shared/observability/correlation-id.hook';
import { PinoLoggerService } from './shared/observability/pino-logger.service';
import { registerRequestLogging } from './shared/observability/request-logging.hook';
import { listeningUrl, startupBanner, type StartupFacts, startupUrls } from './shared/observability/startup-banner';
import { AppMetrics } from './shared/metrics/app-metrics';
import { registerHttpMetrics } from './shared/metrics/http-metrics.hook';
import { METRICS_PATH } from './shared/metrics/metrics.controller';
import { DEFAULT_WEB_APP_DIRECTORY, serveWebApp } from './shared/web-app/serve-web-app';

export const GLOBAL_PREFIX = 'api';

export type RunningApp = Readonly<{ app: NestFastifyApplication; config: AppConfig; url: string }>;

/**
 * Starts the whole application and listens. Configuration comes from the environment, with
 * `envOverrides` on top (tests pass e.g. `{ PORT: '0', DATABASE_URL }` for a random port and
 * their own database). Close it with `app.close()`: it drains HTTP, stops subscriptions at a
 * checkpoint and closes the database; signals are main.ts's business, so a process may run several.
 */
export async function createApp(envOverrides: EnvOverrides = {}): Promise<RunningApp> {
  const config = loadAppConfig({ ...process.env, ...envOverrides });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({
      bodyLimit: config.http.bodyLimitBytes,
      clientErrorHandler: answerClientError,
      // Fastify's default (100) answers a bare 414 below the longest value a path takes (a stream
      // name, 512 characters, longer still percent-encoded): with room above it, a value too long
      // fails validation with a code like any other.
      routerOptions: { maxParamLength: 2048 },
    }),
    // Our JSON parser replaces Nest's, see registerJsonBodyParser.
    { bufferLogs: true, bodyParser: false },
  );
  try {
    const logger = app.get(PinoLoggerService);
    app.useLogger(logger);
    const fastify = app.getHttpAdapter().getInstance();
    registerCorrelationId(fastify);
    registerRequestLogging(fastify, logger.pino);
    registerHttpMetrics(fastify, app.get(AppMetrics));
    registerJsonBodyParser(fastify);
    registerUnreadBodyDrain(fastify);
    await app.register(fastifyCookie);
    const appUrl = app.get(AppUrl);
    await registerHttpSecurity(app, config, appUrl);
    app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: [METRICS_PATH] });
    setupApiDocs(app);
    const webApp = await serveWebApp(app, config.http.webAppDirectory ?? DEFAULT_WEB_APP_DIRECTORY, [GLOBAL_PREFIX, METRICS_PATH]);
    if (!webApp.served) logger.log({ msg: `The web app is not served: ${webApp.reason}` }, 'WebApp');
    // After init: the command handlers are registered on bootstrap.
    await app.init();
    if (config.admin !== undefined) await app.get(AdminAccounts).ensureFirstAdmin(config.admin);
    await app.listen({ port: config.http.port, host: config.http.host });
    // What the server is really bound to: Nest's getUrl() names 127.0.0.1 even when bound to 0.0.0.0.
    const listening = app.getHttpServer().address() as AddressInfo;
    appUrl.listeningOn(listening.port);
    logStartup(app, config, listening);
    return { app, config, url: await app.getUrl() };
  } catch (error) {
    await app.close();
    throw error;
  }
}

function logStartup(app: NestFastifyApplication, config: AppConfig, listening: AddressInfo): void {
  const facts: StartupFacts = {
    listening,
    appUrl: app.get(AppUrl).current(),
    publicApiUrl: config.http.publicApiUrl,
    metricsEnabled: config.metricsEnabled,
    database: config.database.kind === 'postgres' ? 'PostgreSQL server (DATABASE_URL)' : `embedded PostgreSQL in ${config.database.dataDir}`,
    jwtSecretOrigin: app.get<JwtSigningSecret>(JWT_SIGNING_SECRET).origin,
  };
  app
    .get(PinoLoggerService)
    .pino.info({ context: 'Bootstrap', listening: listeningUrl(listening), urls: startupUrls(facts), jwtSecret: facts.jwtSecretOrigin }, startupBanner(facts));
}
