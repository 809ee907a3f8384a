import { InvalidInputError } from '../errors/domain-error.js';

/** A point in time as a canonical UTC ISO 8601 string with milliseconds, e.g. `2025-05-15T00:00:00.000Z`. */
export type Instant = string;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses a date (`2025-06-01`, meaning 00:00Z) or an ISO 8601 date-time with an offset into a
 * canonical Instant. Date-times without an offset are refused: they are ambiguous in law.
 */
export function parseInstant(text: string, path = 'instant'): Instant {
  const value = text.trim();
  if (!DATE_ONLY.test(value) && !DATE_TIME.test(value)) {
    throw new InvalidInputError(`${path}: '${text}' is not an ISO 8601 date or date-time with offset`, path);
  }
  const ms = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms) || !sameCalendarDate(value, ms)) {
    throw new InvalidInputError(`${path}: '${text}' is not a real calendar date`, path);
  }
  return new Date(ms).toISOString();
}

function sameCalendarDate(value: string, ms: number): boolean {
  if (!DATE_ONLY.test(value)) return true;
  return new Date(ms).toISOString().slice(0, 10) === value;
}

export function instantMs(instant: Instant): number {
  return Date.parse(instant);
}

export function instantFromMs(ms: number): Instant {
  return new Date(ms).toISOString();
}
