export type LogDetails = Readonly<Record<string, unknown>>;

/** The little the SDK needs from a logger; adapt pino, Nest's Logger or console to it. */
export interface SdkLogger {
  info(message: string, details?: LogDetails): void;
  warn(message: string, details?: LogDetails): void;
  error(message: string, details?: LogDetails): void;
}

export const silentLogger: SdkLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
