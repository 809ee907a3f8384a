import type Database from 'better-sqlite3';
import type { Instant } from '#domain';

export interface ImpactWindow {
  validFrom?: Instant;
  validTo?: Instant;
}

/** A recorded determination as the read model holds it, input and ledger still JSON texts. */
export type ImpactRow = [id: string, position: number, validAt: Instant, input: string, ledger: string];

/** [from, to) in valid time; null is unbounded. */
export interface ValidTimeInterval {
  from: Instant | null;
  to: Instant | null;
}

/** The shape of every instant this application writes (Date.prototype.toISOString): these compare as text. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The determinations recorded at positions in (after, upTo]: a unit of work. */
export interface ImpactRange {
  after: number;
  upTo: number;
}

/**
 * Reads the determinations of a valid-time window from rm_determinations, by position, leaving
 * out those valid where the amendment leaves the state as it is: they are only counted, from the
 * valid_at index, without reading their rows.
 */
export class ImpactRows {
  private readonly select: Database.Statement;
  private readonly unchangedStatement: Database.Statement | undefined;
  private readonly selectParams: Record<string, string>;

  /** `unchanged`: valid times where the amendment leaves the state as it is (ImpactEvaluator.unchangedValidTimes). */
  constructor(db: Database.Database, window: ImpactWindow, unchanged: readonly ValidTimeInterval[] = []) {
    const { clause, params } = windowClause(window);
    this.selectParams = params;
    const skip = this.unchangedCondition(unchanged);
    this.select = db
      .prepare(
        `SELECT id, position, valid_at, input, ledger FROM rm_determinations WHERE position > @after AND position <= @upTo${clause}${skip ? ` AND NOT ${skip}` : ''} ORDER BY position LIMIT @limit`,
      )
      .raw();
    this.unchangedStatement = skip ? db.prepare(`SELECT COUNT(*) FROM rm_determinations WHERE ${skip}${clause}`).pluck() : undefined;
  }

  /** SQL true where valid_at is (canonical and) in one of the intervals; undefined when there is nothing to skip. */
  private unchangedCondition(unchanged: readonly ValidTimeInterval[]): string | undefined {
    const bounds = unchanged.flatMap(({ from, to }) => [from, to]).filter((instant): instant is Instant => instant !== null);
    if (unchanged.length === 0 || bounds.some((instant) => !CANONICAL_INSTANT.test(instant))) return undefined;
    const intervals = unchanged.map(({ from, to }, index) => {
      const parts: string[] = [];
      if (from !== null) parts.push(`valid_at >= @unchangedFrom${index}`);
      if (to !== null) parts.push(`valid_at < @unchangedTo${index}`);
      if (from !== null) this.selectParams[`unchangedFrom${index}`] = from;
      if (to !== null) this.selectParams[`unchangedTo${index}`] = to;
      return parts.length === 0 ? '1' : `(${parts.join(' AND ')})`;
    });
    return `(length(valid_at) = 24 AND substr(valid_at, 24) = 'Z' AND (${intervals.join(' OR ')}))`;
  }

  /**
   * The first and last positions recorded and how many determinations the window holds, now: the
   * analysis covers these. Read it in the same transaction as unchangedCount. The positions come
   * from their index (MIN and MAX apart, so that each is one lookup), the count from valid_at's.
   */
  static extent(db: Database.Database, window: ImpactWindow): { first: number; last: number; count: number } {
    const { clause, params } = windowClause(window);
    const [first, last, count] = db
      .prepare(
        `SELECT (SELECT MIN(position) FROM rm_determinations), (SELECT MAX(position) FROM rm_determinations), (SELECT COUNT(*) FROM rm_determinations WHERE 1${clause})`,
      )
      .raw()
      .get(params) as [number | null, number | null, number];
    return first === null || last === null || count === 0 ? { first: 0, last: 0, count: 0 } : { first, last, count };
  }

  /** How many determinations of the window are valid where the amendment leaves the state as it is: read() leaves them out. */
  unchangedCount(): number {
    return this.unchangedStatement ? (this.unchangedStatement.get(this.selectParams) as number) : 0;
  }

  /** The determinations in the range that need evaluating, at most `limit` of them, in position order. */
  read(range: ImpactRange, limit: number): ImpactRow[] {
    return this.select.all({ ...this.selectParams, after: range.after, upTo: range.upTo, limit }) as ImpactRow[];
  }

  /** The whole range in chunks of at most `limit`, so that a dense range is never held at once. */
  *chunks(range: ImpactRange, limit: number): Generator<ImpactRow[]> {
    let after = range.after;
    for (;;) {
      const rows = this.read({ after, upTo: range.upTo }, limit);
      if (rows.length > 0) yield rows;
      if (rows.length < limit) return;
      after = rows[rows.length - 1]![1];
    }
  }
}

/** The window as SQL conditions on valid_at (each with a leading AND) and their parameters. */
function windowClause(window: ImpactWindow): { clause: string; params: Record<string, string> } {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  if (window.validFrom) {
    conditions.push(' AND valid_at >= @validFrom');
    params.validFrom = window.validFrom;
  }
  if (window.validTo) {
    conditions.push(' AND valid_at <= @validTo');
    params.validTo = window.validTo;
  }
  return { clause: conditions.join(''), params };
}

/**
 * Cuts the positions first..last into ranges holding about `rows` determinations each, at the
 * window's average density. Positions are not dense (other streams interleave), which is why the
 * cut is by density rather than by row count: it costs no read.
 */
export function* impactRanges(extent: { first: number; last: number; count: number }, rows: number): Generator<ImpactRange> {
  if (extent.count === 0) return;
  const width = Math.max(1, Math.ceil(((extent.last - extent.first + 1) * rows) / extent.count));
  for (let after = extent.first - 1; after < extent.last; after += width) yield { after, upTo: Math.min(after + width, extent.last) };
}
