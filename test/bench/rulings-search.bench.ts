/**
 * The console's Rulings search at scale (issue 15): every kind of search the page offers, run as
 * determinations(filter, first: 25, orderBy) runs it (the count of every match, then the page,
 * its determinations read from the store), on the read model of the impact benchmark's seed: 1,000,000 rulings
 * (support/seed-determinations.ts, cached under .tmp/bench-impact/ and shared with the impact
 * benchmark; the first run seeds it, which takes many minutes).
 *
 * Each search runs REPS times with different values (references, consignees, destinations,
 * outcomes, date windows), first page and next page; p50 and p95 per search. Each query plan is
 * printed once, and a full table scan fails the run.
 *
 * Environment: BENCH_SEARCH_SIZE (default 1000000), BENCH_SEARCH_REPS (default 21),
 * BENCH_IMPACT_CACHE (default .tmp/bench-impact).
 */
import Database from 'better-sqlite3';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { applicationSerializer } from '#api-kit';
import { createDeterminationTables } from '#determinations';
import { determinationStream, ENGINE_VERSION, type Outcome } from '#domain';
import { openSqliteEventStore } from '#event-store/sqlite';
import { seededStore } from './support/seed-determinations.js';
import {
  decodeSearchCursor,
  encodeSearchCursor,
  searchStatements,
  type DeterminationOrder,
  type DeterminationSearch,
} from '../../libs/determinations/src/list-determinations/determination-search.js';

const PAGE_SIZE = 25; // the Rulings page's
const DESTINATIONS = ['IN', 'AE', 'DE', 'CN', 'SG', 'BR', 'JP'];
const OUTCOMES: Outcome[] = ['LICENSE_REQUIRED', 'NO_LICENSE_REQUIRED', 'LICENSE_EXCEPTION'];

interface SearchKind {
  name: string;
  order: DeterminationOrder;
  /** The search of the i-th repetition: each draws other values. */
  search: (i: number) => DeterminationSearch;
}

const loads = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

export async function run(): Promise<void> {
  const size = Number(process.env.BENCH_SEARCH_SIZE ?? 1_000_000);
  const reps = Number(process.env.BENCH_SEARCH_REPS ?? 21);
  const cacheDir = process.env.BENCH_IMPACT_CACHE ?? join(process.cwd(), '.tmp', 'bench-impact');
  console.log(`start load ${loads()}`);
  const { file, seeded } = await seededStore(cacheDir, size, ENGINE_VERSION, (line) => console.log(line));
  console.log(seeded ? `seeded ${size.toLocaleString('en-US')} rulings in ${seeded.seconds.toFixed(0)} s` : `cached store ${file}`);

  const db = new Database(file, { fileMustExist: true });
  const store = openSqliteEventStore({ file, crossProcessPollMs: 0, serializer: applicationSerializer() });
  try {
    // A store seeded before the console's indexes existed gets them here, as the API's start does.
    createDeterminationTables(db, false);
    const rows = db.prepare('SELECT COUNT(*) FROM rm_determinations').pluck().get() as number;
    const consignees = db.prepare('SELECT DISTINCT consignee_id FROM rm_determinations LIMIT 200').pluck().all() as string[];
    const [firstIssued, lastIssued] = db.prepare('SELECT MIN(issued_at), MAX(issued_at) FROM rm_determinations').raw().get() as [string, string];
    // The seed issues every ruling within its run: issued windows are tenths of that span.
    const issuedWindow = (i: number) => {
      const from = Date.parse(firstIssued) + ((Date.parse(lastIssued) - Date.parse(firstIssued)) * (i % 10)) / 10;
      return { issuedFrom: new Date(from).toISOString(), issuedTo: new Date(from + (Date.parse(lastIssued) - Date.parse(firstIssued)) / 10).toISOString() };
    };
    // A calendar month of valid time between 2024-01 and 2026-10.
    const validMonth = (i: number) => {
      const month = (i * 7) % 34;
      const from = new Date(Date.UTC(2024, month, 1));
      const to = new Date(Date.UTC(2024, month + 1, 1) - 1);
      return { validFrom: from.toISOString(), validTo: to.toISOString() };
    };
    const pick = <T>(values: readonly T[], i: number) => values[i % values.length]!;
    const kinds: SearchKind[] = [
      { name: 'no filter', order: 'ISSUED_DESC', search: () => ({}) },
      { name: 'reference', order: 'ISSUED_DESC', search: (i) => ({ reference: `order-${(i * 47_777) % rows}` }) },
      { name: 'consignee', order: 'ISSUED_DESC', search: (i) => ({ consignee: pick(consignees, i * 13) }) },
      { name: 'destination', order: 'ISSUED_DESC', search: (i) => ({ destination: pick(DESTINATIONS, i) }) },
      { name: 'outcome', order: 'ISSUED_DESC', search: (i) => ({ outcome: pick(OUTCOMES, i) }) },
      { name: 'valid month', order: 'ISSUED_DESC', search: validMonth },
      { name: 'issued window', order: 'ISSUED_DESC', search: issuedWindow },
      { name: 'valid month, by valid date', order: 'VALID_AT_DESC', search: validMonth },
      { name: 'destination + outcome', order: 'ISSUED_DESC', search: (i) => ({ destination: pick(DESTINATIONS, i), outcome: pick(OUTCOMES, i + 1) }) },
      { name: 'consignee + valid month', order: 'ISSUED_DESC', search: (i) => ({ consignee: pick(consignees, i * 13), ...validMonth(i) }) },
      { name: 'destination + valid month', order: 'VALID_AT_ASC', search: (i) => ({ destination: pick(DESTINATIONS, i), ...validMonth(i) }) },
      {
        name: 'destination + outcome + valid month + issued window',
        order: 'ISSUED_DESC',
        search: (i) => ({ destination: pick(DESTINATIONS, i), outcome: pick(OUTCOMES, i), ...validMonth(i), ...issuedWindow(i) }),
      },
      { name: 'outcome, by valid date', order: 'VALID_AT_DESC', search: (i) => ({ outcome: pick(OUTCOMES, i) }) },
    ];

    /** What the resolver does for one request: count, page, its determinations read from the store, cursors made. */
    const request = async (search: DeterminationSearch, order: DeterminationOrder, after?: string) => {
      const { count, page } = searchStatements(search, order, after === undefined ? undefined : decodeSearchCursor(after), PAGE_SIZE + 1);
      const total = (db.prepare(count.sql).get(count.params) as { n: number }).n;
      const found = db.prepare(page.sql).all(page.params) as Array<{ id: string; position: number; valid_at: string }>;
      const shown = found.slice(0, PAGE_SIZE);
      const events = await Promise.all(shown.map((row) => store.readStream(determinationStream(row.id), { maxCount: 1 })));
      if (events.some(([event]) => event?.data === undefined)) throw new Error('a ruling of the page is not in the store');
      const edges = shown.map((row) => ({
        cursor: encodeSearchCursor({ order, position: row.position, ...(order.startsWith('VALID_AT') ? { validAt: row.valid_at } : {}) }),
      }));
      return { total, endCursor: found.length > PAGE_SIZE ? edges.at(-1)?.cursor : undefined };
    };

    console.log(`${rows.toLocaleString('en-US')} rulings in the read model; pages of ${PAGE_SIZE}; ${reps} searches of each kind with different values`);
    console.log('search | order | p50 first page | p95 first page | p50 next page | p95 next page | median matches');
    const scans: string[] = [];
    for (const kind of kinds) {
      const { count, page } = searchStatements(kind.search(0), kind.order, undefined, PAGE_SIZE + 1);
      for (const statement of [count, page]) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(statement.params) as Array<{ detail: string }>).map((row) => row.detail);
        if (plan.some((detail) => /^SCAN rm_determinations\b(?! USING)/.test(detail))) scans.push(`${kind.name}: ${plan.join('; ')}`);
        if (statement === page) console.log(`  plan of '${kind.name}': ${plan.join('; ')}`);
      }
      const first: number[] = [];
      const next: number[] = [];
      const matches: number[] = [];
      for (let i = 0; i < reps; i++) {
        const search = kind.search(i);
        let started = performance.now();
        const { total, endCursor } = await request(search, kind.order);
        first.push(performance.now() - started);
        matches.push(total);
        if (endCursor === undefined) continue;
        started = performance.now();
        await request(search, kind.order, endCursor);
        next.push(performance.now() - started);
      }
      const ms = (values: number[], p: number) => (values.length ? `${percentile(values, p).toFixed(1)} ms` : 'n/a (one page)');
      console.log(
        `${kind.name} | ${kind.order} | ${ms(first, 50)} | ${ms(first, 95)} | ${ms(next, 50)} | ${ms(next, 95)} | ${percentile(matches, 50).toLocaleString('en-US')}`,
      );
    }
    if (scans.length > 0) throw new Error(`full table scans:\n${scans.join('\n')}`);
  } finally {
    db.close();
    await store.close();
    console.log(`end load ${loads()}`);
  }
}
