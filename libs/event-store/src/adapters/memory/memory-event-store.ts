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
} from '../../event-store.port.js';
import { applicationEventSerializer } from '../../serialization/determination-event-schemas.js';
import type { EventSerializer } from '../../serialization/event-serializer.js';
import { ChainVerifier } from '../../tamper-evidence/hash-chain.js';
import { checkExpectedRevision, draftEvents, idempotentResult, monotonicRecordedAt, sealEvents, validateExpectedRevision } from '../../internal/append-plan.js';
import { ChangeNotifier, startCatchUpSubscription } from '../../internal/catch-up-subscription.js';
import { matchesFilter, normalizeFilter } from '../../internal/event-filter.js';
import { toRecordedEvent } from '../../internal/recorded-event.js';

interface StoredRow {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  dataJson: string;
  metadataJson: string;
  hash: string;
  recordedAt: string;
}

/**
 * The in-memory log behind one or more MemoryEventStore handles (sharing one lets a test "reopen"
 * the store). Rows hold JSON text, so reads return fresh copies, as a real store would.
 */
export class MemoryEventLog {
  readonly rows: StoredRow[] = [];
  readonly streams = new Map<string, StoredRow[]>();
  readonly ids = new Map<string, StoredRow>();
  readonly notifier = new ChangeNotifier();
}

export interface MemoryEventStoreOptions {
  log?: MemoryEventLog;
  serializer?: EventSerializer;
  /** The clock for recordedAt, in epoch milliseconds (tests may turn it back). */
  now?: () => number;
}

/** Same semantics as the SQLite adapter, without I/O: for fast tests of the layers above. */
export class MemoryEventStore implements EventStore {
  private readonly log: MemoryEventLog;
  private readonly serializer: EventSerializer;
  private readonly now: () => number;
  private closed = false;

  constructor(options: MemoryEventStoreOptions = {}) {
    this.log = options.log ?? new MemoryEventLog();
    this.serializer = options.serializer ?? applicationEventSerializer();
    this.now = options.now ?? Date.now;
  }

  async append(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    validateExpectedRevision(expectedRevision);
    const drafts = draftEvents(stream, events, this.serializer);
    const ids = drafts.map((d) => d.id);
    const replay = idempotentResult(
      stream,
      ids,
      ids.map((id) => this.log.ids.get(id)),
    );
    if (replay) return replay;
    const streamRows = this.log.streams.get(stream);
    const tail = streamRows?.[streamRows.length - 1];
    checkExpectedRevision(stream, expectedRevision, tail ? tail.revision : -1);
    const sealed = sealEvents(stream, tail ? tail.revision : -1, tail?.hash, drafts);
    const recordedAt = monotonicRecordedAt(this.now(), this.log.rows[this.log.rows.length - 1]?.recordedAt);
    const rows = streamRows ?? [];
    if (!streamRows) this.log.streams.set(stream, rows);
    let position = this.log.rows.length;
    for (const event of sealed) {
      position++;
      const row: StoredRow = {
        id: event.id,
        stream,
        revision: event.revision,
        position,
        type: event.type,
        dataJson: event.dataJson,
        metadataJson: event.metadataJson,
        hash: event.hash,
        recordedAt,
      };
      this.log.rows.push(row);
      rows.push(row);
      this.log.ids.set(row.id, row);
    }
    this.log.notifier.notify();
    return { nextRevision: sealed[sealed.length - 1]!.revision, position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const rows = this.log.streams.get(stream);
    if (!rows) return [];
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const out: RecordedEvent[] = [];
    if (options.direction === 'backwards') {
      for (let r = Math.min(options.fromRevision ?? rows.length - 1, rows.length - 1); r >= 0 && out.length < max; r--) out.push(this.toRecorded(rows[r]!));
    } else {
      for (let r = options.fromRevision ?? 0; r < rows.length && out.length < max; r++) out.push(this.toRecorded(rows[r]!));
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readPage(options.fromPosition ?? 0, options.maxCount ?? Number.MAX_SAFE_INTEGER, normalizeFilter(options)).events;
  }

  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription {
    this.assertOpen();
    const filter = normalizeFilter(options);
    return startCatchUpSubscription(
      { notifier: this.log.notifier, readPage: (after, max) => this.readPage(after, max, filter) },
      options.fromPosition,
      handler,
    );
  }

  async verify(stream?: string): Promise<ChainVerification> {
    this.assertOpen();
    const verifier = new ChainVerifier();
    const rows = stream === undefined ? this.log.rows : (this.log.streams.get(stream) ?? []);
    for (const row of rows) {
      const chained = { ...row, data: JSON.parse(row.dataJson) as unknown, metadata: JSON.parse(row.metadataJson) as Record<string, unknown> };
      if (!verifier.check(chained)) break;
    }
    return verifier.result();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private readPage(after: number, max: number, filter: ReturnType<typeof normalizeFilter>) {
    const rows = this.log.rows;
    const events: RecordedEvent[] = [];
    // Positions are 1..n, so the row after position p is at index p.
    let index = Math.max(0, after);
    for (; index < rows.length && events.length < max; index++) {
      const row = rows[index]!;
      if (matchesFilter(filter, row.stream, row.type)) events.push(this.toRecorded(row));
    }
    const atHead = index >= rows.length;
    return { events, scannedTo: index, atHead };
  }

  private toRecorded(row: StoredRow): RecordedEvent {
    return toRecordedEvent(
      this.serializer,
      row.id,
      row.stream,
      row.revision,
      row.position,
      row.type,
      JSON.parse(row.dataJson),
      JSON.parse(row.metadataJson) as Record<string, unknown>,
      row.recordedAt,
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed.');
  }
}

/** Opens an in-memory store (pass a shared `log` to open several handles on one log). */
export function openMemoryEventStore(options: MemoryEventStoreOptions = {}): MemoryEventStore {
  return new MemoryEventStore(options);
}
