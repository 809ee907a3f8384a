import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  AppendResult,
  ChainVerification,
  EventHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  WriteState,
} from '../../event-store.port.js';
import { ConcurrencyError, DuplicateEventIdError, StoreFullError } from '../../event-store.errors.js';
import { EventSerializer } from '../../serialization/event-serializer.js';
import { ChainVerifier } from '../../tamper-evidence/hash-chain.js';
import {
  checkExpectedRevision,
  draftEvents,
  idempotentResult,
  monotonicRecordedAt,
  ChainSealer,
  validateExpectedRevision,
  type DraftEvent,
  type StoredIdLocation,
} from '../../internal/append-plan.js';
import { ChangeNotifier, startCatchUpSubscription, type LogPage } from '../../internal/catch-up-subscription.js';
import { normalizeFilter, type NormalizedFilter } from '../../internal/event-filter.js';
import { recordedEventWithText, toRecordedEvent } from '../../internal/recorded-event.js';

/**
 * - `full` (default): `synchronous=FULL`. Every commit fsyncs the WAL before append() returns:
 *   an acknowledged append survives a process crash, an OS crash and a power loss.
 * - `normal`: `synchronous=NORMAL`. Commits are written to the WAL but not fsynced; the WAL is
 *   synced only when it is checkpointed. The file is never corrupted, and a process crash (even
 *   SIGKILL) loses nothing, because the writes are in the OS page cache. An OS crash or power loss
 *   can lose the acknowledged appends committed since the last checkpoint (up to the
 *   wal_autocheckpoint size, 1000 pages by default): they roll back as whole transactions.
 */
export type SqliteDurability = 'full' | 'normal';

export interface SqliteEventStoreOptions {
  /** Path of the database file (its folder is created), or ':memory:'. */
  file: string;
  durability?: SqliteDurability;
  serializer?: EventSerializer;
  /** The clock for recordedAt, in epoch milliseconds (tests may turn it back). */
  now?: () => number;
  /**
   * How often a live subscription checks `PRAGMA data_version` for appends made by other
   * processes (or other connections) on the same file, in ms; 0 turns it off. Appends through
   * this handle wake subscriptions at once, without polling.
   */
  crossProcessPollMs?: number;
  /** How long a writer waits for another process's write lock, in ms. */
  busyTimeoutMs?: number;
  /**
   * SQLite's page cache for this connection, in MiB (SQLite's default is 2). Appends touch the
   * id and (stream, revision) indexes at random places; a larger cache keeps those pages in memory
   * instead of spilling dirty pages to the WAL mid-transaction and reading them back.
   */
  cacheSizeMiB?: number;
}

interface PendingAppend {
  stream: string;
  drafts: DraftEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
  result?: AppendResult;
  error?: unknown;
}

type Row = [position: number, id: string, stream: string, revision: number, type: string, data: string, metadata: string, recordedAt: string];

const COLUMNS = 'position, id, stream, revision, type, data, metadata, recorded_at';

/**
 * The embedded default store: one SQLite file through better-sqlite3, WAL, one transaction per
 * append (docs/adr/003-event-store-port-and-sqlite.md). better-sqlite3 is synchronous; the async methods
 * keep the port's shape and finish their work before returning.
 */
export class SqliteEventStore implements EventStore {
  /**
   * The connection, for read-model tables in the same file. Write projections through
   * `transaction()` so that rows and checkpoint commit together.
   */
  readonly database: Database.Database;
  private readonly serializer: EventSerializer;
  private readonly now: () => number;
  private readonly notifier = new ChangeNotifier();
  private readonly pollMs: number;
  private readonly subscriptions = new Set<Subscription>();
  private liveWaiters = 0;
  private pollTimer: NodeJS.Timeout | undefined;
  private lastDataVersion = 0;
  private closed = false;
  /** Since when writes have been refused for a full disk (unset while they succeed). */
  private fullSince: Date | undefined;

  private readonly stmt: {
    tail: Database.Statement<[string]>;
    findId: Database.Statement<[string]>;
    lastRecordedAt: Database.Statement<[]>;
    insert: Database.Statement<[string, string, number, string, string, string, string]>;
    wholeStream: Database.Statement<[string]>;
    streamForwards: Database.Statement<[string, number, number]>;
    streamBackwards: Database.Statement<[string, number, number]>;
    head: Database.Statement<[]>;
    dataVersion: Database.Statement<[]>;
  };
  private readonly readAllStatements = new Map<string, Database.Statement<unknown[]>>();
  private readonly appendSavepoint: (stream: string, drafts: DraftEvent[], expected: ExpectedRevision) => AppendResult;
  private readonly commitGroup: (group: PendingAppend[]) => void;
  private pending: PendingAppend[] = [];

  constructor(options: SqliteEventStoreOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.serializer = options.serializer ?? new EventSerializer();
    this.now = options.now ?? Date.now;
    this.pollMs = options.crossProcessPollMs ?? 250;
    const db = new Database(options.file);
    this.database = db;
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${(options.durability ?? 'full') === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma(`cache_size = ${-1024 * (options.cacheSizeMiB ?? 64)}`);
    // UNIQUE (stream, revision) is also the index on stream: every per-stream read uses it.
    db.exec(`CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      stream TEXT NOT NULL,
      revision INTEGER NOT NULL,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      metadata TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      UNIQUE (stream, revision)
    )`);
    this.stmt = {
      tail: db.prepare(`SELECT revision, json_extract(metadata, '$.hash') FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1`).raw(),
      findId: db.prepare('SELECT stream, revision, position FROM events WHERE id = ?'),
      lastRecordedAt: db.prepare('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1').pluck(),
      insert: db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      // Reading a whole stream is the common case (a ledger on every issue); without the bound
      // revision and LIMIT it took 17 instead of 41 us for a 10-event stream here.
      wholeStream: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? ORDER BY revision`).raw(),
      streamForwards: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`).raw(),
      streamBackwards: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`).raw(),
      head: db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
    };
    // Nested in commitGroup's transaction, better-sqlite3 runs this as a SAVEPOINT: a refused append
    // rolls back alone and the others in its group still commit.
    this.appendSavepoint = db.transaction((stream: string, drafts: DraftEvent[], expected: ExpectedRevision) =>
      this.appendInTransaction(stream, drafts, expected),
    );
    this.commitGroup = db.transaction((group: PendingAppend[]) => {
      for (const append of group) {
        try {
          append.result = this.appendSavepoint(append.stream, append.drafts, append.expected);
        } catch (error) {
          // SQLite may have rolled the whole transaction back: the group fails as one (see flush).
          if (isSqliteFull(error)) throw error;
          append.error = translateSqliteError(
            error,
            append.stream,
            append.drafts,
            append.expected,
            () => (this.stmt.tail.get(append.stream) as [number] | undefined)?.[0] ?? -1,
          );
        }
      }
    }).immediate;
  }

  /**
   * Group commit: the appends made while the event loop is busy are committed together in one
   * transaction, so one fsync makes them all durable. Each append still succeeds or fails on its
   * own (a savepoint each), and none resolves before the commit that holds it.
   */
  append(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    validateExpectedRevision(expectedRevision);
    const drafts = draftEvents(stream, events, this.serializer);
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ stream, drafts, expected: expectedRevision, resolve, reject });
    });
  }

  private flush(): void {
    const group = this.pending;
    this.pending = [];
    try {
      this.assertOpen();
      this.commitGroup(group);
    } catch (error) {
      // Nothing of the group was committed: each append may be retried as it was.
      if (isSqliteFull(error)) this.fullSince ??= new Date(this.now());
      for (const append of group) append.reject(isSqliteFull(error) ? new StoreFullError(`append to "${append.stream}"`, { cause: error }) : error);
      return;
    }
    this.fullSince = undefined;
    this.notifier.notify();
    for (const append of group) {
      if (append.error !== undefined) append.reject(append.error);
      else append.resolve(append.result as AppendResult);
    }
  }

  /**
   * Runs `fn` in one write transaction (BEGIN IMMEDIATE) on this store's connection: a projection
   * writes its read-model rows and its checkpoint here so that both commit or neither does.
   */
  transaction<T>(fn: (database: Database.Database) => T): T {
    this.assertOpen();
    try {
      const result = this.database.transaction(() => fn(this.database)).immediate();
      this.fullSince = undefined;
      return result;
    } catch (error) {
      if (!isSqliteFull(error)) throw error;
      this.fullSince ??= new Date(this.now());
      throw new StoreFullError('write to the read model', { cause: error });
    }
  }

  /**
   * While writes are refused for a full disk, each call tries a write of PROBE_BYTES (committed
   * to a table of its own, then deleted), so space coming back is seen without waiting for a
   * client's write: readiness asks this, and a node not ready gets no writes to try.
   */
  async writable(): Promise<WriteState> {
    this.assertOpen();
    if (this.fullSince === undefined) return { writable: true };
    try {
      this.database
        .transaction(() => {
          this.database.exec('CREATE TABLE IF NOT EXISTS write_probe (body BLOB NOT NULL)');
          this.database.prepare('INSERT INTO write_probe (body) VALUES (zeroblob(?))').run(PROBE_BYTES);
          this.database.exec('DELETE FROM write_probe');
        })
        .immediate();
    } catch (error) {
      if (!isSqliteFull(error)) throw error;
      return { writable: false, reason: 'its disk is full', since: this.fullSince };
    }
    this.fullSince = undefined;
    return { writable: true };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const max = options.maxCount ?? -1;
    const whole = options.direction !== 'backwards' && options.fromRevision === undefined && options.maxCount === undefined;
    const rows = (
      whole
        ? this.stmt.wholeStream.all(stream)
        : options.direction === 'backwards'
          ? this.stmt.streamBackwards.all(stream, options.fromRevision ?? Number.MAX_SAFE_INTEGER, max)
          : this.stmt.streamForwards.all(stream, options.fromRevision ?? 0, max)
    ) as Row[];
    return rows.map((row) => this.toRecorded(row));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const rows = this.readAllStatement(normalizeFilter(options)).all(
      ...this.readAllParameters(normalizeFilter(options), options.fromPosition ?? 0, options.maxCount ?? -1),
    ) as Row[];
    const events: RecordedEvent[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) events[i] = this.toRecorded(rows[i]!);
    return events;
  }

  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription {
    this.assertOpen();
    const filter = normalizeFilter(options);
    const statement = this.readAllStatement(filter);
    const readPage = this.database.transaction((after: number, max: number): LogPage => {
      const rows = statement.all(...this.readAllParameters(filter, after, max)) as Row[];
      const events = rows.map(options.storedText ? (row) => this.toRecordedWithText(row) : (row) => this.toRecorded(row));
      if (rows.length < max) return { events, scannedTo: this.stmt.head.get() as number, atHead: true };
      return { events, scannedTo: rows[rows.length - 1]![0], atHead: false };
    });
    const subscription = startCatchUpSubscription(
      { notifier: this.notifier, readPage: (after, max) => readPage.deferred(after, max), onLiveWait: (delta) => this.onLiveWait(delta) },
      options.fromPosition,
      handler,
    );
    this.subscriptions.add(subscription);
    void subscription.closed.then(
      () => this.subscriptions.delete(subscription),
      () => this.subscriptions.delete(subscription),
    );
    return subscription;
  }

  async verify(stream?: string): Promise<ChainVerification> {
    this.assertOpen();
    const verifier = new ChainVerifier();
    const rows = (
      stream === undefined ? this.database.prepare(`SELECT ${COLUMNS} FROM events ORDER BY position`).raw().iterate() : this.stmt.wholeStream.iterate(stream)
    ) as IterableIterator<Row>;
    for (const [position, id, rowStream, revision, type, data, metadata] of rows) {
      let parsed: { data: unknown; metadata: Record<string, unknown> };
      try {
        parsed = { data: JSON.parse(data) as unknown, metadata: JSON.parse(metadata) as Record<string, unknown> };
      } catch {
        parsed = { data, metadata: {} };
      }
      if (!verifier.check({ id, stream: rowStream, revision, position, type, ...parsed })) {
        rows.return?.();
        break;
      }
    }
    return verifier.result();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.closed = true;
    this.stopPolling();
    this.database.close();
  }

  private appendInTransaction(stream: string, drafts: DraftEvent[], expected: ExpectedRevision): AppendResult {
    const first = this.stmt.findId.get(drafts[0]!.id) as StoredIdLocation | undefined;
    if (first) {
      const found = drafts.map((d) => this.stmt.findId.get(d.id) as StoredIdLocation | undefined);
      const replay = idempotentResult(
        stream,
        drafts.map((d) => d.id),
        found,
      );
      if (replay) return replay;
    }
    const tail = this.stmt.tail.get(stream) as [number, string] | undefined;
    const tailRevision = tail ? tail[0] : -1;
    checkExpectedRevision(stream, expected, tailRevision);
    const sealer = new ChainSealer(stream, tailRevision, tail?.[1]);
    const recordedAt = monotonicRecordedAt(this.now(), this.stmt.lastRecordedAt.get() as string | undefined);
    // Each event is sealed and written in turn, so a large batch's texts are not all held at once.
    let position = 0;
    let revision = tailRevision;
    for (const draft of drafts) {
      const event = sealer.seal(draft);
      position = Number(this.stmt.insert.run(event.id, stream, event.revision, event.type, event.dataJson, event.metadataJson, recordedAt).lastInsertRowid);
      revision = event.revision;
    }
    return { nextRevision: revision, position };
  }

  private readAllStatement(filter: NormalizedFilter): Database.Statement<unknown[]> {
    const key = `${filter.prefixes?.map((p) => p.length).join(',') ?? '-'}|${filter.types?.size ?? 0}`;
    let statement = this.readAllStatements.get(key);
    if (!statement) {
      const where = ['position > ?'];
      if (filter.prefixes) where.push(`(${filter.prefixes.map((p) => `substr(stream, 1, ${p.length}) = ?`).join(' OR ')})`);
      if (filter.types) where.push(`type IN (${[...filter.types].map(() => '?').join(', ')})`);
      statement = this.database.prepare(`SELECT ${COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`).raw() as Database.Statement<
        unknown[]
      >;
      this.readAllStatements.set(key, statement);
    }
    return statement;
  }

  private readAllParameters(filter: NormalizedFilter, after: number, max: number): unknown[] {
    return [after, ...(filter.prefixes ?? []), ...(filter.types ?? []), max];
  }

  private toRecorded(row: Row): RecordedEvent {
    return toRecordedEvent(this.serializer, row[1], row[2], row[3], row[0], row[4], JSON.parse(row[5]), JSON.parse(row[6]) as Record<string, unknown>, row[7]);
  }

  private toRecordedWithText(row: Row): RecordedEvent {
    return recordedEventWithText(this.serializer, row[1], row[2], row[3], row[0], row[4], row[5], row[6], row[7]);
  }

  private onLiveWait(delta: 1 | -1): void {
    this.liveWaiters += delta;
    if (this.liveWaiters > 0 && !this.pollTimer && this.pollMs > 0 && !this.closed) {
      this.lastDataVersion = this.stmt.dataVersion.get() as number;
      this.pollTimer = setInterval(() => this.pollOtherConnections(), this.pollMs);
      this.pollTimer.unref();
    } else if (this.liveWaiters === 0) {
      this.stopPolling();
    }
  }

  private pollOtherConnections(): void {
    if (this.closed) return;
    const version = this.stmt.dataVersion.get() as number;
    if (version !== this.lastDataVersion) {
      this.lastDataVersion = version;
      this.notifier.notify();
    }
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed.');
  }
}

/** What the write probe needs room for: a few pages, about what an append of one determination takes. */
const PROBE_BYTES = 64 * 1024;

/**
 * SQLITE_FULL: the disk (or max_page_count) has no room for the pages a write needs. Errors are
 * told by their code, not their class: the native addon keeps the SqliteError class (and so the
 * Error) of the first module registry that loaded it, which under Jest is another test file's.
 */
export function isSqliteFull(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_FULL';
}

function sqliteCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

function translateSqliteError(error: unknown, stream: string, drafts: DraftEvent[], expected: ExpectedRevision, currentRevision: () => number): unknown {
  if (sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE') {
    if ((error as Error).message.includes('events.id'))
      return new DuplicateEventIdError(
        stream,
        drafts.map((d) => d.id),
        'an event id is already stored',
      );
    // Cannot happen while the tail is read inside the same IMMEDIATE transaction; kept as a guard.
    const current = currentRevision();
    return new ConcurrencyError(stream, expected, current < 0 ? 'no_stream' : current);
  }
  return error;
}

/** Opens (creating if needed) the SQLite event store in `file`. */
export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  return new SqliteEventStore(options);
}
