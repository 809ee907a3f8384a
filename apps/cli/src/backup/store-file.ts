import Database from 'better-sqlite3';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { EventSerializer } from '#event-store';
import { openSqliteEventStore } from '#event-store/sqlite';
import { CliError, usageError } from '../cli-error.js';
import { verifyStoreLog } from '../store-log.js';

/** The embedded store's file in a data directory (the read models share it). */
export const STORE_FILE = 'policy-ledger.sqlite';

/** What a backup or a restore holds, printed as JSON. */
export interface StoreFileSummary {
  file: string;
  bytes: number;
  /** Events in the log, and the position of the last one (0 when empty). */
  events: number;
  position: number;
  lastRecordedAt: string | null;
  /** Every stream's hash chain holds. */
  chainVerified: boolean;
  /** The audit tree of this log (every event a leaf, in commit order): its size and root (hex). */
  treeSize: number;
  rootHash: string;
}

/**
 * SQLite's online backup API, in one step: the copy is the database as of one read transaction,
 * taken while the API keeps appending (in WAL mode readers and the writer do not block each other).
 * Many small steps would restart whenever the API writes between them and might never finish
 * under load. Written beside the destination and renamed, so a failed backup leaves no file.
 */
export async function backupStoreFile(source: string, destination: string): Promise<void> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  const partial = join(dirname(destination), `.${basename(destination)}.partial-${process.pid}`);
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial, { progress: () => ALL_PAGES });
    renameSync(partial, destination);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

const ALL_PAGES = 0x7fffffff;

/** Checks a store file as SQLite (integrity) and as a log (every hash chain), and says what it holds and its audit tree's root. */
export async function inspectStoreFile(file: string): Promise<StoreFileSummary> {
  const raw = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = raw.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new CliError(`${file} is damaged: SQLite integrity_check says ${String(integrity)}`);
    const hasEvents = raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined;
    if (!hasEvents) throw new CliError(`${file} is not a Policy Ledger store: it has no events table`);
  } finally {
    raw.close();
  }
  // Verbatim: the leaves are the stored bytes, and a malformed event must be reported, not break the read.
  const store = openSqliteEventStore({ file, serializer: EventSerializer.verbatim() });
  try {
    const db = store.database;
    const head = db.prepare('SELECT COUNT(*) AS events, MAX(position) AS position, MAX(recorded_at) AS lastRecordedAt FROM events').get() as {
      events: number;
      position: number | null;
      lastRecordedAt: string | null;
    };
    const log = await verifyStoreLog(store);
    if (!log.ok) throw new CliError(`${file}: the log does not verify: ${log.firstBrokenAt}`);
    return {
      file,
      bytes: statSync(file).size,
      events: head.events,
      position: head.position ?? 0,
      lastRecordedAt: head.lastRecordedAt,
      chainVerified: true,
      treeSize: log.treeSize,
      rootHash: log.rootHash,
    };
  } finally {
    await store.close();
  }
}

/** A data directory restore may write into: absent, or present and empty. */
export function requireEmptyDataDir(dataDir: string): void {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw usageError(`restore writes into an empty data directory; ${resolve(dataDir)} is not empty (stop the API and name a new one with --data-dir)`);
  }
}
