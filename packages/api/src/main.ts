import { createApp, type RunningApp } from './create-app';
import { InvalidConfigurationError } from './shared/config/invalid-configuration.error';
import { PinoLoggerService as PinoLoggerService } from './shared/observability/pino-logger.service';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** On top of the HTTP drain deadline: subscriptions and the pool get this long to close. */
const SHUTDOWN_GRACE_MS = 5_000;

// Nest's own signal hooks re-raise the signal after closing, so the process would not exit 0.
function exitOnShutdownSignal({ app, config }: RunningApp): void {
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    app.get(PinoLoggerService).log(`Received ${signal}; shutting down`, 'Shutdown');
    setTimeout(() => {
      process.stderr.write(`Shutdown did not finish in time; exiting\n`);
      process.exit(1);
    }, config.shutdownTimeoutMs + SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String((error as Error).stack ?? error)}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, shutdown);
}

/** Settles once the server listens (or the process is exiting): `start.ts` then writes its code cache. */
export const serverStarted: Promise<void> = createApp().then(exitOnShutdownSignal, (error: unknown) => {
  // The logger may not exist yet (bad configuration), so report straight to stderr.
  process.stderr.write(`${error instanceof InvalidConfigurationError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
