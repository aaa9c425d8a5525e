import { createApp } from './create-app';
import { InvalidConfigurationError } from './shared/config/invalid-configuration.error';

createApp().catch((error: unknown) => {
  // The logger may not exist yet (bad configuration), so report straight to stderr.
  process.stderr.write(`${error instanceof InvalidConfigurationError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
