import { createLogger } from './logger.js';
import { PinoLoggerService } from './pino-logger.service.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('trace', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines and redacts Authorization headers', () => {
    const { logger, lines } = capture();

    logger.info({ req: { headers: { authorization: 'Bearer secret-token', accept: '*/*' } }, headers: { authorization: 'Bearer other' } }, 'hello');

    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'hello',
        req: { headers: { authorization: '[redacted]', accept: '*/*' } },
        headers: { authorization: '[redacted]' },
      }),
    ]);
  });

  it('honours the level', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', { write: (line: string) => void lines.push(line) });

    logger.info('quiet');
    logger.warn('loud');

    expect(lines).toHaveLength(1);
  });
});

describe('PinoLoggerService', () => {
  it("reads Nest's (message, context) and maps verbose to trace", () => {
    const { logger, lines } = capture();
    const service = new PinoLoggerService(logger);

    service.log('Mapped route', 'RouterExplorer');
    service.verbose('details', 'Scanner');

    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'RouterExplorer', msg: 'Mapped route' }),
      expect.objectContaining({ level: 10, context: 'Scanner', msg: 'details' }),
    ]);
  });

  it("reads Nest's error(message, stack, context) and error(message, undefined, context)", () => {
    const { logger, lines } = capture();
    const service = new PinoLoggerService(logger);

    service.error('failed', 'Error: failed\n    at x', 'Errors');
    service.error('failed again', undefined, 'Errors');

    expect(lines).toEqual([
      expect.objectContaining({ level: 50, context: 'Errors', stack: 'Error: failed\n    at x', msg: 'failed' }),
      expect.objectContaining({ level: 50, context: 'Errors', msg: 'failed again' }),
    ]);
    expect(lines[1]).not.toHaveProperty('stack');
  });

  it('logs an Error with its stack, and objects as fields', () => {
    const { logger, lines } = capture();
    const service = new PinoLoggerService(logger);

    service.warn(new Error('boom'), 'Ctx');
    service.debug({ event: 'projection caught up', lag: 0 });

    expect(lines[0]).toMatchObject({ level: 40, context: 'Ctx', msg: 'boom', err: { message: 'boom', stack: expect.stringContaining('Error: boom') } });
    expect(lines[1]).toMatchObject({ level: 20, event: 'projection caught up', lag: 0 });
  });
});
