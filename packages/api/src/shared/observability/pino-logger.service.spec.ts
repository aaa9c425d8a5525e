import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PinoLoggerService } from './pino-logger.service';
import { createRootLogger, readableLogStream } from './root-logger';

function capturingLogger(level: 'info' | 'debug' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()));
      callback();
    },
  });
  return { logger: new PinoLoggerService(createRootLogger(level, destination)), lines };
}

describe('PinoLoggerService', () => {
  it('given a Nest log call with a context, then writes one JSON line with level, message and context', () => {
    const { logger, lines } = capturingLogger();

    logger.log('Database migrated', 'Database');

    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'Database migrated', context: 'Database' })]);
  });

  it.each(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication'])(
    'given the framework\'s start-up line from %s, then logs it at debug, not info',
    (context) => {
      const atInfo = capturingLogger('info');
      const atDebug = capturingLogger('debug');

      atInfo.logger.log('AppModule dependencies initialized', context);
      atDebug.logger.log('AppModule dependencies initialized', context);

      expect(atInfo.lines).toEqual([]);
      expect(atDebug.lines).toEqual([expect.objectContaining({ level: 20, context })]);
    },
  );

  it('given an error with a stack and a context, then keeps both', () => {
    const { logger, lines } = capturingLogger();

    logger.error('Subscription stopped', 'Error: boom\n    at handler', 'EventsSubscription');

    expect(lines[0]).toMatchObject({ level: 50, msg: 'Subscription stopped', stack: 'Error: boom\n    at handler', context: 'EventsSubscription' });
  });

  it('given structured fields, then writes them as fields', () => {
    const { logger, lines } = capturingLogger();

    logger.warn({ msg: 'Slow query', durationMs: 1200 }, 'Database');

    expect(lines[0]).toMatchObject({ level: 40, msg: 'Slow query', durationMs: 1200, context: 'Database' });
  });

  it('given a terminal, then the readable stream prints the context, the message and its lines as written', () => {
    let printed = '';
    const terminal = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        printed += chunk.toString();
        callback();
      },
    });
    const logger = new PinoLoggerService(createRootLogger('info', readableLogStream(terminal)));

    logger.log('Email not sent\n  http://localhost:4000/confirm-email?token=t', 'EmailSender');

    expect(printed).toMatch(/INFO.*\[EmailSender\] Email not sent\n {2}http:\/\/localhost:4000\/confirm-email\?token=t\n/);
    expect(printed).not.toContain('{');
  });

  it('given a level below LOG_LEVEL, then writes nothing', () => {
    const { logger, lines } = capturingLogger('info');

    logger.debug('noise');
    logger.verbose('more noise');

    expect(lines).toEqual([]);
  });
});
