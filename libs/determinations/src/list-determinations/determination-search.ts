import { InvalidInputError, type Outcome } from '#domain';

/** The orders a listing can have. Issued order is commit order (the position of the write). */
export const DETERMINATION_ORDERS = ['ISSUED_ASC', 'ISSUED_DESC', 'VALID_AT_ASC', 'VALID_AT_DESC'] as const;
export type DeterminationOrder = (typeof DETERMINATION_ORDERS)[number];

export interface DeterminationSearch {
  reference?: string | null;
  destination?: string | null;
  consignee?: string | null;
  outcome?: Outcome | null;
  validFrom?: string | null;
  validTo?: string | null;
  issuedFrom?: string | null;
  issuedTo?: string | null;
}

export interface Statement {
  sql: string;
  params: Record<string, string | number>;
}

/** One page's SQL over rm_determinations: the count of every match, and the page after a keyset cursor. */
export interface SearchStatements {
  count: Statement;
  page: Statement;
}

const ORDER_SQL: Record<DeterminationOrder, string> = {
  ISSUED_ASC: 'position ASC',
  ISSUED_DESC: 'position DESC',
  VALID_AT_ASC: 'valid_at ASC, position ASC',
  VALID_AT_DESC: 'valid_at DESC, position DESC',
};

/** Rows after the cursor's row in each order; row values compare (valid_at, position) in one index range. */
const AFTER_SQL: Record<DeterminationOrder, string> = {
  ISSUED_ASC: 'position > @afterPosition',
  ISSUED_DESC: 'position < @afterPosition',
  VALID_AT_ASC: '(valid_at, position) > (@afterValidAt, @afterPosition)',
  VALID_AT_DESC: '(valid_at, position) < (@afterValidAt, @afterPosition)',
};

/** The row a page ended on, as a cursor: where the next page starts, in the order it was read. */
export interface SearchCursor {
  order: DeterminationOrder;
  position: number;
  validAt?: string;
}

export function searchStatements(search: DeterminationSearch, order: DeterminationOrder, after: SearchCursor | undefined, limit: number): SearchStatements {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  const add = (value: string | null | undefined, sql: string, name: string) => {
    if (value === undefined || value === null) return;
    where.push(sql);
    params[name] = value;
  };
  // Equalities from the most to the least selective: only the first present may pick the index
  // (a unary + keeps SQLite, which has no statistics here, from leading with a less selective one).
  let leading = true;
  const equal = (value: string | null | undefined, column: string, name: string) => {
    if (value === undefined || value === null) return;
    add(value, `${leading ? '' : '+'}${column} = @${name}`, name);
    leading = false;
  };
  equal(search.reference, 'reference', 'reference');
  equal(search.consignee, 'consignee_id', 'consignee');
  equal(search.destination, 'destination', 'destination');
  equal(search.outcome, 'outcome', 'outcome');
  add(search.validFrom, 'valid_at >= @validFrom', 'validFrom');
  add(search.validTo, 'valid_at <= @validTo', 'validTo');
  add(search.issuedFrom, 'issued_at >= @issuedFrom', 'issuedFrom');
  add(search.issuedTo, 'issued_at <= @issuedTo', 'issuedTo');
  const count = { sql: `SELECT COUNT(*) AS n FROM rm_determinations ${clause(where)}`, params: { ...params } };
  const pageWhere = [...where];
  if (after !== undefined) {
    if (after.order !== order) throw new InvalidInputError(`after: the cursor was returned for order ${after.order}, not ${order}`, 'after');
    pageWhere.push(AFTER_SQL[order]);
    params.afterPosition = after.position;
    if (after.validAt !== undefined) params.afterValidAt = after.validAt;
  }
  params.limit = limit;
  // Positions first, from an index alone (sorted if need be: small rows), then only the page's rows read
  // (CROSS JOIN: SQLite keeps that order, rather than reading every row to probe the positions).
  const positions = `SELECT position FROM rm_determinations ${clause(pageWhere)} ORDER BY ${ORDER_SQL[order]} LIMIT @limit`;
  const page = {
    sql: `SELECT found.id, found.position, found.valid_at FROM (${positions}) AS hit CROSS JOIN rm_determinations AS found ON found.position = hit.position ORDER BY ${ORDER_SQL[order].replace(/\b(valid_at|position)\b/g, 'found.$1')}`,
    params,
  };
  return { count, page };
}

const clause = (where: string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '');

/**
 * Opaque cursors. Issued ascending keeps the first wave's `position:N` form, so cursors handed
 * out before orders existed still work; the others carry their order and sort key.
 */
export function encodeSearchCursor(cursor: SearchCursor): string {
  const text =
    cursor.order === 'ISSUED_ASC'
      ? `position:${cursor.position}`
      : `${cursor.order}:${cursor.position}${cursor.validAt === undefined ? '' : `:${cursor.validAt}`}`;
  return Buffer.from(text).toString('base64url');
}

export function decodeSearchCursor(cursor: string, path = 'after'): SearchCursor {
  const text = Buffer.from(cursor, 'base64url').toString();
  const legacy = /^position:(\d+)$/.exec(text);
  if (legacy) return { order: 'ISSUED_ASC', position: Number(legacy[1]) };
  const match = /^(ISSUED_DESC|VALID_AT_ASC|VALID_AT_DESC):(\d+)(?::(.+))?$/.exec(text);
  const order = match?.[1] as DeterminationOrder | undefined;
  const needsValidAt = order === 'VALID_AT_ASC' || order === 'VALID_AT_DESC';
  if (!match || needsValidAt !== (match[3] !== undefined)) throw new InvalidInputError(`${path}: '${cursor}' is not a cursor this query returned`, path);
  return { order: order!, position: Number(match[2]), ...(needsValidAt ? { validAt: match[3] } : {}) };
}
