/**
 * Event store benchmark (issue 3): our SQLite adapter next to raw better-sqlite3 doing the same
 * inserts and reads (the ceiling), and Emmett's SQLite event store doing the same work, all in one
 * run on one machine, all with synchronous=FULL in WAL mode.
 *
 * Emmett (@event-driven-io/emmett-sqlite 0.38.5, with its sqlite3 driver) is a peer of this
 * benchmark only: it lives in test/bench/peers/ with its own package.json and lockfile and is
 * installed there on first use (`npm ci` in that folder; sqlite3 compiles from source, about a
 * minute). Set BENCH_SKIP_EMMETT=1 to leave it out.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type NewEvent } from '#event-store';
import { openSqliteEventStore } from '#event-store/sqlite';
import { median } from './support/stats.js';

const BATCH = 1000;
const BATCHES = 100;
const SINGLES = 2000;
const EMMETT_SINGLES = 300;
const RUNS = 5;

const peersDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'bench', 'peers');

interface Figures {
  batched: number;
  single: number;
  read: number;
}

function determination(i: number): { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> } {
  return {
    type: 'DeterminationIssued',
    data: {
      determinationId: `det-${i}`,
      validAt: '2025-06-01T00:00:00.000Z',
      destination: ['CN', 'AE', 'NL', 'IN', 'BR'][i % 5],
      items: [{ eccn: '3A090.a', description: 'accelerator', quantity: 8 + (i % 64), totalProcessingPerformance: 4800 + (i % 1000) }],
      outcome: i % 3 === 0 ? 'LICENSE_REQUIRED' : 'NO_LICENSE_REQUIRED',
      reasons: ['rule:advanced-computing-2023', 'tier:2'],
    },
    metadata: { correlationId: `req-${i}`, actor: 'bench' },
  };
}

const newEvent = (i: number): NewEvent => ({ id: randomUUID(), ...determination(i) });

function rate(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'policy-ledger-bench-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Metadata as long as ours once the hash chain is stamped (schemaVersion, prevHash, hash). */
const chainPlaceholders = { schemaVersion: 1, prevHash: '0'.repeat(64), hash: '0'.repeat(64) };

/**
 * The ceiling: the same table and rows, plain inserts, no checks, no hashing. With
 * `rowsLikeOurs`, the rows also carry metadata as long as ours (only the batched figure is kept):
 * it separates the cost of the larger rows from the adapter's own work.
 */
function rawBetterSqlite(rowsLikeOurs = false): Figures {
  const temp = tempDir();
  try {
    const db = new Database(join(temp.dir, 'raw.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
      revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (stream, revision))`);
    const insert = db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertBatch = db.transaction((stream: string, events: NewEvent[]) => {
      const recordedAt = new Date().toISOString();
      events.forEach((e, r) =>
        insert.run(
          e.id,
          stream,
          r,
          e.type,
          JSON.stringify(e.data),
          JSON.stringify(rowsLikeOurs ? { ...e.metadata, ...chainPlaceholders } : e.metadata),
          recordedAt,
        ),
      );
    });
    let n = 0;
    const batches = Array.from({ length: BATCHES }, () => Array.from({ length: BATCH }, () => newEvent(n++)));
    let started = performance.now();
    batches.forEach((events, b) => insertBatch(`batch-${b}`, events));
    const batched = rate(BATCHES * BATCH, performance.now() - started);
    if (rowsLikeOurs) {
      db.close();
      return { batched, single: NaN, read: NaN };
    }

    const singles = Array.from({ length: SINGLES }, () => newEvent(n++));
    started = performance.now();
    singles.forEach((e, i) =>
      insert.run(e.id, `single-${i % 100}`, Math.floor(i / 100), e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), new Date().toISOString()),
    );
    const single = rate(SINGLES, performance.now() - started);

    const select = db.prepare('SELECT position, id, stream, revision, type, data, metadata, recorded_at FROM events ORDER BY position');
    started = performance.now();
    const rows = select.all() as { data: string; metadata: string }[];
    const parsed = rows.map((row) => ({ ...row, data: JSON.parse(row.data) as unknown, metadata: JSON.parse(row.metadata) as unknown }));
    const read = rate(parsed.length, performance.now() - started);
    db.close();
    return { batched, single, read };
  } finally {
    temp.remove();
  }
}

async function policyLedgerSqlite(): Promise<Figures> {
  const temp = tempDir();
  try {
    const store = openSqliteEventStore({ file: join(temp.dir, 'events.db') });
    let n = 0;
    const batches = Array.from({ length: BATCHES }, () => Array.from({ length: BATCH }, () => newEvent(n++)));
    let started = performance.now();
    for (let b = 0; b < BATCHES; b++) await store.append(`batch-${b}`, batches[b]!, 'no_stream');
    const batched = rate(BATCHES * BATCH, performance.now() - started);

    const singles = Array.from({ length: SINGLES }, () => newEvent(n++));
    started = performance.now();
    for (let i = 0; i < SINGLES; i++) {
      const revision = Math.floor(i / 100);
      await store.append(`single-${i % 100}`, [singles[i]!], revision === 0 ? 'no_stream' : revision - 1);
    }
    const single = rate(SINGLES, performance.now() - started);

    started = performance.now();
    const events = await store.readAll();
    const read = rate(events.length, performance.now() - started);
    if ((await store.verify()).ok !== true) throw new Error('The benchmark store does not verify.');
    await store.close();
    return { batched, single, read };
  } finally {
    temp.remove();
  }
}

interface EmmettModule {
  getSQLiteEventStore(options: { fileName: string; schema?: { autoMigration?: 'None' | 'CreateOrUpdate' } }): {
    appendToStream(
      stream: string,
      events: { type: string; data: unknown; metadata?: unknown }[],
      options?: { expectedStreamVersion?: bigint },
    ): Promise<unknown>;
    readStream(stream: string): Promise<{ events: unknown[] }>;
  };
}

async function loadEmmett(): Promise<EmmettModule | string> {
  if (process.env.BENCH_SKIP_EMMETT) return 'skipped (BENCH_SKIP_EMMETT is set)';
  const entry = join(peersDir, 'node_modules', '@event-driven-io', 'emmett-sqlite', 'dist', 'index.js');
  if (!existsSync(entry)) {
    console.log(`installing the Emmett peer in ${peersDir} (npm ci; sqlite3 compiles from source)...`);
    try {
      execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: peersDir, stdio: 'inherit' });
    } catch (error) {
      return `not measured: installing the peer failed (${(error as Error).message})`;
    }
  }
  return (await import(pathToFileURL(entry).href)) as EmmettModule;
}

async function emmettSqlite(emmett: EmmettModule): Promise<Figures> {
  const temp = tempDir();
  try {
    const store = emmett.getSQLiteEventStore({ fileName: join(temp.dir, 'emmett.db'), schema: { autoMigration: 'CreateOrUpdate' } });
    const strip = (e: NewEvent) => ({ type: e.type, data: e.data, metadata: e.metadata });
    let n = 0;
    const batches = Array.from({ length: BATCHES }, () => Array.from({ length: BATCH }, () => strip(newEvent(n++))));
    await store.appendToStream('warm-up', [strip(newEvent(0))]);
    let started = performance.now();
    for (let b = 0; b < BATCHES; b++) await store.appendToStream(`batch-${b}`, batches[b]!);
    const batched = rate(BATCHES * BATCH, performance.now() - started);

    const singles = Array.from({ length: EMMETT_SINGLES }, () => strip(newEvent(n++)));
    started = performance.now();
    for (let i = 0; i < EMMETT_SINGLES; i++) {
      await store.appendToStream(`single-${i % 100}`, [singles[i]!], { expectedStreamVersion: BigInt(Math.floor(i / 100)) });
    }
    const single = rate(EMMETT_SINGLES, performance.now() - started);

    started = performance.now();
    let read = 0;
    for (let b = 0; b < BATCHES; b++) read += (await store.readStream(`batch-${b}`)).events.length;
    const readRate = rate(read, performance.now() - started);
    return { batched, single, read: readRate };
  } finally {
    temp.remove();
  }
}

function fmt(value: number): string {
  return value.toLocaleString('en-US');
}

export async function run(): Promise<void> {
  console.log(
    `workload: ${BATCHES} appends of ${BATCH} events (batched), ${SINGLES} single-event appends (${EMMETT_SINGLES} for Emmett), read + parse of all ${BATCHES * BATCH + SINGLES} events; ~420-byte JSON events; WAL, synchronous=FULL; median of ${RUNS} runs`,
  );
  const raws: Figures[] = [];
  const ours: Figures[] = [];
  const rawLarge: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    raws.push(rawBetterSqlite());
    ours.push(await policyLedgerSqlite());
    rawLarge.push(rawBetterSqlite(true).batched);
  }
  const pick = (list: Figures[]): Figures => ({
    batched: median(list.map((f) => f.batched)),
    single: median(list.map((f) => f.single)),
    read: median(list.map((f) => f.read)),
  });
  const raw = pick(raws);
  const ratio = (value: number, base: number): string => (value / base).toFixed(2);
  const mine = pick(ours);
  const emmett = await loadEmmett();
  const theirs = typeof emmett === 'string' ? emmett : await emmettSqlite(emmett);

  console.log('                         batched ev/s   single appends/s   read+parse ev/s');
  const line = (name: string, f: Figures): string =>
    `${name.padEnd(24)} ${fmt(f.batched).padStart(12)}   ${fmt(f.single).padStart(16)}   ${fmt(f.read).padStart(15)}`;
  console.log(line('raw better-sqlite3', raw));
  const large = median(rawLarge);
  console.log(
    `${'raw, rows as large'.padEnd(24)} ${fmt(large).padStart(12)}   (raw inserts whose metadata is as long as ours; ours / this: ${ratio(mine.batched, large)})`,
  );
  console.log(
    line('policy-ledger sqlite', mine) +
      `   (ratios to raw: ${ratio(mine.batched, raw.batched)} / ${ratio(mine.single, raw.single)} / ${ratio(mine.read, raw.read)})`,
  );
  if (typeof theirs === 'string') console.log(`emmett-sqlite 0.38.5     ${theirs}`);
  else {
    console.log(
      line('emmett-sqlite 0.38.5', theirs) +
        `   (ratios to raw: ${ratio(theirs.batched, raw.batched)} / ${ratio(theirs.single, raw.single)} / ${ratio(theirs.read, raw.read)})`,
    );
    console.log(
      `policy-ledger vs emmett: batched x${ratio(mine.batched, theirs.batched)}, single x${ratio(mine.single, theirs.single)}, read x${ratio(mine.read, theirs.read)}`,
    );
  }
  console.log(`targets: batched >= 0.60 of raw and ahead of Emmett; single >= 0.50 of raw; read >= 0.70 of raw`);
}
