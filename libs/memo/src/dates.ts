/**
 * A date in a memo: `legal` for valid times and publication dates (calendar dates of the law,
 * shown in UTC so 2025-06-01 never reads as 31 May west of Greenwich), `instant` for moments
 * something happened (issued, recorded), shown in the reader's time zone.
 */
export interface Dated {
  iso: string;
  kind: 'legal' | 'instant';
}

export const legal = (iso: string): Dated => ({ iso, kind: 'legal' });
export const instant = (iso: string): Dated => ({ iso, kind: 'instant' });

/** How a reader sees dates: their locale and, for instants, their time zone. */
export interface Reader {
  locale?: string;
  timeZone?: string;
}

const isMidnightUtc = (date: Date) => date.getUTCHours() + date.getUTCMinutes() + date.getUTCSeconds() + date.getUTCMilliseconds() === 0;

/** The date as the reader reads it, e.g. "1 June 2025" or "June 1, 2025, 3:04 PM CET". */
export function localDate(dated: Dated, reader: Reader = {}): string {
  const date = new Date(dated.iso);
  if (Number.isNaN(date.getTime())) return dated.iso;
  if (dated.kind === 'legal') {
    const time = isMidnightUtc(date) ? {} : { timeStyle: 'short' as const };
    return new Intl.DateTimeFormat(reader.locale, { dateStyle: 'long', ...time, timeZone: 'UTC' }).format(date) + (isMidnightUtc(date) ? '' : ' UTC');
  }
  return new Intl.DateTimeFormat(reader.locale, { dateStyle: 'long', timeStyle: 'long', timeZone: reader.timeZone ?? 'UTC' }).format(date);
}

/** The ISO form shown beside it: the date alone for a legal date at midnight UTC, else the instant in UTC. */
export function isoDate(dated: Dated): string {
  const date = new Date(dated.iso);
  if (Number.isNaN(date.getTime())) return dated.iso;
  const iso = date.toISOString();
  return dated.kind === 'legal' && isMidnightUtc(date) ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

/** "1 June 2025 (2025-06-01)": the reader's form with the ISO form beside it. */
export function readableDate(dated: Dated, reader: Reader = {}): string {
  return `${localDate(dated, reader)} (${isoDate(dated)})`;
}

/** "India (IN)" in the reader's language; the code alone when the runtime has no name for it. */
export function countryName(code: string | undefined, reader: Reader = {}): string {
  if (code === undefined || code === '') return '';
  try {
    const name = new Intl.DisplayNames(reader.locale ? [reader.locale] : undefined, { type: 'region', fallback: 'none' }).of(code);
    return name ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** A figure with the reader's digit grouping: 26,900,000. */
export const figure = (value: number, reader: Reader = {}): string => new Intl.NumberFormat(reader.locale, { maximumFractionDigits: 6 }).format(value);
