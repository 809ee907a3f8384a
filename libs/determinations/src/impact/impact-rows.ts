import type Database from 'better-sqlite3';
import type { Instant } from '#domain';

export interface ImpactWindow {
  validFrom?: Instant;
  validTo?: Instant;
}

/**
 * A recorded determination as the read model holds it, input and ledger still JSON texts: they
 * are parsed only for the determinations that are re-evaluated.
 */
export type ImpactRow = [id: string, position: number, validAt: Instant, input: string, ledger: string];

/** The determinations recorded at positions in (after, upTo]: a unit of work. */
export interface ImpactRange {
  after: number;
  upTo: number;
}

/** Reads the determinations of a valid-time window from rm_determinations, by position. */
export class ImpactRows {
  private readonly select: Database.Statement;
  private readonly extentStatement: Database.Statement;
  private readonly params: Record<string, string>;

  constructor(db: Database.Database, window: ImpactWindow) {
    const where: string[] = [];
    this.params = {};
    if (window.validFrom) {
      where.push('valid_at >= @validFrom');
      this.params.validFrom = window.validFrom;
    }
    if (window.validTo) {
      where.push('valid_at <= @validTo');
      this.params.validTo = window.validTo;
    }
    const clause = where.map((condition) => ` AND ${condition}`).join('');
    this.select = db
      .prepare(`SELECT id, position, valid_at, input, ledger FROM rm_determinations WHERE position > @after AND position <= @upTo${clause} ORDER BY position LIMIT @limit`)
      .raw();
    this.extentStatement = db.prepare(`SELECT MIN(position), MAX(position), COUNT(*) FROM rm_determinations WHERE 1${clause}`).raw();
  }

  /** The first and last positions in the window and how many determinations it holds, now: the analysis covers these. */
  extent(): { first: number; last: number; count: number } {
    const [first, last, count] = this.extentStatement.get(this.params) as [number | null, number | null, number];
    return first === null || last === null ? { first: 0, last: 0, count: 0 } : { first, last, count };
  }

  /** The determinations in the range, at most `limit` of them, in position order. */
  read(range: ImpactRange, limit: number): ImpactRow[] {
    return this.select.all({ ...this.params, after: range.after, upTo: range.upTo, limit }) as ImpactRow[];
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
