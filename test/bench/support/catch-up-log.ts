/**
 * The recorded log a fresh node catches up over in the catch-up benchmark (issue 14): the real
 * policy history, then determinations with their ledger draws, as the impact benchmark's seeder
 * writes them (support/seed-determinations.ts: its generated exports, the real engine and
 * issuance decider, the handler's events). Deciding a million determinations takes hours here, so
 * TEMPLATES of them are decided and the rest of the log repeats those events, each copy with its
 * own ids and stream and appended through the store like any event (hash chain and all).
 *
 * The SQLite store is cached under `cacheDir` by a content key (this file's seed version, the
 * size, the policy files, the engine); the EventStoreDB stand-in is loaded from it, so both
 * stores hold the same events in the same order.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { applicationSerializer, stableId } from '#api-kit';
import { ENGINE_VERSION } from '#domain';
import type { NewEvent, RecordedEvent } from '#event-store';
import { openSqliteEventStore } from '#event-store/sqlite';
import type { EventStoreDbStandIn } from '../../support/esdb-standin/event-store-db-stand-in.js';
import { POLICY_DIR, seedDeterminations } from './seed-determinations.js';

/** Bump when the log's content or its building changes: cached stores of another version are not reused. */
const LOG_VERSION = 1;
/** Real determinations decided for the templates (with their draws, about 1.6 events each). */
const TEMPLATES = 300;
/** Appends made together: the store commits them in one transaction (each its own savepoint). */
const GROUP = 5_000;

export interface CatchUpLog {
  file: string;
  events: number;
  /** Set when the log was built in this run. */
  builtSeconds?: number;
}

function cacheKey(size: number): string {
  const hash = createHash('sha256').update(`${LOG_VERSION}|${size}|${TEMPLATES}|${ENGINE_VERSION}`);
  for (const name of readdirSync(POLICY_DIR).sort()) hash.update(name).update(readFileSync(join(POLICY_DIR, name)));
  return hash.digest('hex').slice(0, 12);
}

/** The events of a small real seed, in commit order (new, so stored at their types' current versions). */
async function templateEvents(dir: string): Promise<RecordedEvent[]> {
  const file = join(dir, `templates-${process.pid}.sqlite`);
  try {
    await seedDeterminations(file, TEMPLATES);
    const store = openSqliteEventStore({ file, crossProcessPollMs: 0, serializer: applicationSerializer() });
    const events = await store.readAll();
    await store.close();
    return events;
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

const withoutChain = (metadata: Record<string, unknown>): Record<string, unknown> => {
  const { schemaVersion: _version, prevHash: _prev, hash: _hash, ...rest } = metadata;
  return rest;
};

/** The i-th copy of a template determination or draw: its own ids, its own stream. */
function copy(template: RecordedEvent, i: number): { stream: string; event: NewEvent } {
  const determinationId = stableId('bench-catch-up', String(i));
  const data = { ...(template.data as Record<string, unknown>), determinationId };
  const stream = template.type === 'DeterminationIssued' ? `determination-${determinationId}` : `ledger-LPP-bench-catch-up-${i}-2025`;
  return { stream, event: { id: stableId(determinationId, template.type), type: template.type, data, metadata: withoutChain(template.metadata) } };
}

async function build(file: string, size: number, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  const templates = await templateEvents(join(file, '..'));
  const history = templates.filter((e) => !e.stream.startsWith('determination-') && !e.stream.startsWith('ledger-'));
  const issued = templates.filter((e) => e.stream.startsWith('determination-') || e.stream.startsWith('ledger-'));
  if (size < history.length) throw new Error(`a log of ${size} events cannot hold the policy history (${history.length} events)`);
  const store = openSqliteEventStore({ file, durability: 'normal', cacheSizeMiB: 256, crossProcessPollMs: 0, serializer: applicationSerializer() });
  store.database.pragma('wal_autocheckpoint = 100000');
  try {
    for (const e of history) await store.append(e.stream, [{ id: e.id, type: e.type, data: e.data, metadata: withoutChain(e.metadata) }], 'any');
    for (let first = history.length; first < size; first += GROUP) {
      const group: Promise<unknown>[] = [];
      for (let i = first; i < Math.min(size, first + GROUP); i++) {
        const { stream, event } = copy(issued[i % issued.length]!, i);
        group.push(store.append(stream, [event], 'no_stream'));
      }
      await Promise.all(group);
      if ((first - history.length) % 100_000 < GROUP)
        log(`  catch-up log: ${Math.min(size, first + GROUP).toLocaleString('en-US')} events (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    store.database.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await store.close();
  }
}

/** The cached SQLite log of `size` events, built on first use (written under a temporary name, renamed when complete). */
export async function catchUpLog(cacheDir: string, size: number, log: (line: string) => void): Promise<CatchUpLog> {
  const file = join(cacheDir, `catch-up-v${LOG_VERSION}-${size}-${cacheKey(size)}.sqlite`);
  if (existsSync(file)) return { file, events: size };
  mkdirSync(cacheDir, { recursive: true });
  // Logs of this size under an older key are of no further use: they are large.
  for (const name of readdirSync(cacheDir)) if (name.startsWith('catch-up-') && name.includes(`-${size}-`)) rmSync(join(cacheDir, name), { force: true });
  const partial = `${file}.partial`;
  const started = performance.now();
  await build(partial, size, log);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  renameSync(partial, file);
  return { file, events: size, builtSeconds: (performance.now() - started) / 1000 };
}

/**
 * Forgets a node's read model kept in the store's own file (as a node on SQLite keeps it): drops
 * every table but the log's, so the next catch-up starts fresh. Freed pages are reused by the next.
 */
export function dropReadModel(file: string): void {
  const db = new Database(file);
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('events', 'sqlite_sequence')").pluck().all() as string[];
    for (const table of tables) db.exec(`DROP TABLE "${table}"`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** Loads the log into a stand-in's memory, event for event as the SQLite file holds it (no gRPC). */
export function loadIntoStandIn(file: string, standIn: EventStoreDbStandIn): void {
  const db = new Database(file, { readonly: true });
  try {
    const page = db.prepare('SELECT position, stream, id, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT 20000');
    for (let after = 0; ;) {
      const rows = page.all(after) as { position: number; stream: string; id: string; type: string; data: string; metadata: string }[];
      if (rows.length === 0) break;
      standIn.seed(rows.map((r) => ({ stream: r.stream, id: r.id, type: r.type, data: Buffer.from(r.data), metadata: Buffer.from(r.metadata) })));
      after = rows[rows.length - 1]!.position;
    }
  } finally {
    db.close();
  }
}
