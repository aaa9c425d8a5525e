import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module';
import { GLOBAL_PREFIX } from '../create-app';
import { ApiDocument } from '../shared/api-docs/api-document';
import { createApiDocument } from '../shared/api-docs/setup-api-docs';
import type { AppConfig } from '../shared/config/app-config';
import { loadAppConfig } from '../shared/config/load-app-config';
import { METRICS_PATH } from '../shared/metrics/metrics.controller';
import type { CliCommand, CliOutput } from './cli-command';

/** Runs one command in an application context without running subscriptions; one that `servesHttp` gets the HTTP routes too, never listening. */
export async function runCli(
  argv: readonly string[],
  commands: readonly CliCommand[],
  output: CliOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [name, ...args] = argv;
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    if (name && name !== 'help' && name !== '--help') output.err(`Unknown command "${name}"\n`);
    output.err(usage(commands));
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  // Log only warnings: stdout carries the command's own output.
  const config = loadAppConfig({ LOG_LEVEL: 'warn', ...env });
  const app = command.servesHttp ? await applicationWithRoutes(config) : await applicationContext(config);
  try {
    return await command.run(app, args, output);
  } finally {
    await app.close();
  }
}

// Let start-up errors reach the caller, which prints them, instead of exiting silently.
const NEST_OPTIONS = { logger: false, abortOnError: false } as const;

function applicationContext(config: AppConfig): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(AppModule.forRoot(config, { startSubscriptions: false }), NEST_OPTIONS);
}

/** Routes as the server registers them, so the OpenAPI document is the one it serves; it never listens. */
async function applicationWithRoutes(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, { startSubscriptions: false }), new FastifyAdapter(), NEST_OPTIONS);
  app.setGlobalPrefix(GLOBAL_PREFIX, { exclude: [METRICS_PATH] });
  app.get(ApiDocument).generateWith(() => createApiDocument(app));
  await app.init();
  return app;
}

function usage(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.usage.length));
  return ['Usage: npm run cli -- <command> [arguments]', '', ...commands.map((command) => `  ${command.usage.padEnd(width)}  ${command.description}`), ''].join('\n');
}
