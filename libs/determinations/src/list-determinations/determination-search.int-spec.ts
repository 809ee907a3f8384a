import Database from 'better-sqlite3';
import { createDeterminationTables } from '../read-model/determinations-table.js';
import { DETERMINATION_ORDERS, searchStatements, type DeterminationSearch } from './determination-search.js';

/** Every filter the console's Rulings page offers; the page allows any combination of them. */
const FILTERS: Array<[string, DeterminationSearch]> = [
  ['reference', { reference: 'PO-4711' }],
  ['consignee', { consignee: 'acme-in' }],
  ['destination', { destination: 'IN' }],
  ['outcome', { outcome: 'LICENSE_REQUIRED' }],
  ['valid range', { validFrom: '2025-01-01T00:00:00.000Z', validTo: '2025-12-31T23:59:59.999Z' }],
  ['valid from', { validFrom: '2025-01-01T00:00:00.000Z' }],
  ['valid to', { validTo: '2025-12-31T23:59:59.999Z' }],
  ['issued range', { issuedFrom: '2026-01-01T00:00:00.000Z', issuedTo: '2026-06-30T23:59:59.999Z' }],
  ['issued from', { issuedFrom: '2026-01-01T00:00:00.000Z' }],
  ['issued to', { issuedTo: '2026-06-30T23:59:59.999Z' }],
];

/** Every search the page can send: each subset of the filters (one valid and one issued bound form at a time), in each order, first page and later ones. */
function everySearch(): Array<{ name: string; search: DeterminationSearch }> {
  const groups = [
    ['reference'],
    ['consignee'],
    ['destination'],
    ['outcome'],
    ['valid range', 'valid from', 'valid to'],
    ['issued range', 'issued from', 'issued to'],
  ];
  let combinations: Array<Array<[string, DeterminationSearch]>> = [[]];
  for (const group of groups) {
    combinations = combinations.flatMap((chosen) => [chosen, ...group.map((name) => [...chosen, FILTERS.find(([filter]) => filter === name)!])]);
  }
  return combinations.map((chosen) => ({
    name: chosen.map(([name]) => name).join(' + ') || 'no filter',
    search: Object.assign({}, ...chosen.map(([, search]) => search)),
  }));
}

function plan(db: Database.Database, sql: string, params: Record<string, unknown>): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((row) => row.detail);
}

/** A full scan reads every row of the table; scanning an index in the order asked, a page's LIMIT stops it. */
const fullTableScan = (detail: string) => /^SCAN rm_determinations\b(?! USING)/.test(detail) || /^SCAN found\b/.test(detail);

/**
 * Reading the table's rows (wide: each holds its ruling's documents) for each match, rather than
 * the index alone. Only a search led by the reference may (a reference names a handful of rulings);
 * the page then reads its own rows, one lookup each (`found`).
 */
const rowsPerMatch = (detail: string, search: DeterminationSearch) =>
  /^(SEARCH|SCAN) rm_determinations USING INDEX/.test(detail) && !(search.reference !== undefined && detail.includes('rm_determinations_by_reference'));

describe('determination search on the read model (EXPLAIN QUERY PLAN)', () => {
  const db = new Database(':memory:');
  createDeterminationTables(db);
  const searches = everySearch();

  it('covers every combination the page offers: reference, consignee, destination and outcome each on or off, valid and issued dates each off, from, to or both', () => {
    expect(searches).toHaveLength(2 * 2 * 2 * 2 * 4 * 4);
  });

  it.each(DETERMINATION_ORDERS)('pages in order %s from an index alone for every combination of filters, the first page and the next', (order) => {
    const scans: string[] = [];
    for (const { name, search } of searches) {
      for (const after of [undefined, { order, position: 1_000, validAt: '2025-06-01T00:00:00.000Z' }]) {
        const { page } = searchStatements(search, order, after?.order.startsWith('VALID_AT') ? after : after && { order, position: after.position }, 51);
        for (const detail of plan(db, page.sql, page.params)) {
          if (fullTableScan(detail) || rowsPerMatch(detail, search)) scans.push(`${name}${after ? ' (next page)' : ''}: ${detail}`);
        }
      }
    }
    expect(scans).toEqual([]);
  });

  it('counts every combination of filters from an index alone', () => {
    const scans: string[] = [];
    for (const { name, search } of searches) {
      const { count } = searchStatements(search, 'ISSUED_DESC', undefined, 51);
      for (const detail of plan(db, count.sql, count.params)) if (fullTableScan(detail) || rowsPerMatch(detail, search)) scans.push(`${name}: ${detail}`);
    }
    expect(scans).toEqual([]);
  });
});
