import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/environment.js';

/** Paths pino replaces with "[redacted]": credentials never reach the log. */
const REDACTED = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization', 'Authorization'];

/** The process's one pino logger: JSON lines to stdout (or `destination`, in tests). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
