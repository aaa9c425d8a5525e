import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PinoLoggerService } from './pino-logger.service';
import { createRootLogger } from './root-logger';

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

    logger.log('Nest application successfully started', 'NestApplication');

    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: 'Nest application successfully started', context: 'NestApplication' }),
    ]);
  });

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

  it('given a level below LOG_LEVEL, then writes nothing', () => {
    const { logger, lines } = capturingLogger('info');

    logger.debug('noise');
    logger.verbose('more noise');

    expect(lines).toEqual([]);
  });
});
