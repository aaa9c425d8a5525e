import type { INestApplicationContext } from '@nestjs/common';

/** Where a command writes: result lines to `out`; progress and diagnostics to `err`, as is (progress redraws with `\r`). */
export type CliOutput = Readonly<{ out: (text: string) => void; err: (text: string) => void }>;

/**
 * One `npm run cli -- <name> [args…]` command. It runs inside the application context (database
 * migrated, SDK wired, subscriptions not started) and returns the process exit code.
 */
export type CliCommand = Readonly<{
  name: string;
  usage: string;
  description: string;
  /** Needs the application's HTTP routes (its OpenAPI document): it then runs in an application that registers them, without listening. */
  servesHttp?: boolean;
  run(app: INestApplicationContext, args: readonly string[], output: CliOutput): Promise<number>;
}>;
