import type { SdkLogger } from '@coderscamp/event-sourcing';
import type { Logger } from 'pino';

/** The SDK's logger port over pino, tagged so its lines can be told apart. */
export function sdkLoggerOver(pino: Logger): SdkLogger {
  const logger = pino.child({ context: 'EventSourcing' });
  return {
    info: (message, details) => logger.info(details ?? {}, message),
    warn: (message, details) => logger.warn(details ?? {}, message),
    error: (message, details) => logger.error(details ?? {}, message),
  };
}
