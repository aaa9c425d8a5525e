import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadAppConfig } from '../shared/config/load-app-config';
import type { CliCommand, CliOutput } from './cli-command';

/** Runs one command in an application context without HTTP and without running subscriptions. */
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
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, { startSubscriptions: false }), {
    logger: false,
    // Let start-up errors reach the caller, which prints them, instead of exiting silently.
    abortOnError: false,
  });
  try {
    return await command.run(app, args, output);
  } finally {
    await app.close();
  }
}

function usage(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.usage.length));
  return ['Usage: npm run cli -- <command> [arguments]', '', ...commands.map((command) => `  ${command.usage.padEnd(width)}  ${command.description}`), ''].join('\n');
}
