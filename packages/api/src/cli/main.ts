#!/usr/bin/env node
import { InvalidConfigurationError } from '../shared/config/invalid-configuration.error';
import { CLI_COMMANDS } from './commands';
import { runCli } from './run-cli';

const output = { out: (text: string) => process.stdout.write(`${text}\n`), err: (text: string) => process.stderr.write(text) };

runCli(process.argv.slice(2), CLI_COMMANDS, output).then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    process.stderr.write(`${error instanceof InvalidConfigurationError ? error.message : String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  },
);
