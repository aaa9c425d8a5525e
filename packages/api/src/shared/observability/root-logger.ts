import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from '../config/app-config';

/**
 * JSON lines on stdout for machines; when stdout is a terminal, the same lines made readable for
 * the person watching it. Lines about a request name its correlation id themselves (ADR 0010).
 */
export function createRootLogger(level: LogLevel, destination: DestinationStream | undefined = defaultDestination()): Logger {
  const options = { level, timestamp: pino.stdTimeFunctions.isoTime };
  return destination === undefined ? pino(options) : pino(options, destination);
}

function defaultDestination(): DestinationStream | undefined {
  return process.stdout.isTTY ? readableLogStream() : undefined;
}

/** In-process (no worker thread), so it runs from the server bundle as it does from the sources. */
export function readableLogStream(destination: NodeJS.WritableStream = process.stdout): DestinationStream {
  return pretty({
    destination,
    sync: true,
    colorize: process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    // The banner's fields repeat, for machines, what its text says.
    ignore: 'pid,hostname,context,listening,urls,jwtSecret',
    messageFormat: '{if context}[{context}] {end}{msg}',
    singleLine: true,
  });
}
