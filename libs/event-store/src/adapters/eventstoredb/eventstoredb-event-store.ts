// This folder is the only place that imports @eventstore/db-client (docs/adr/004-eventstoredb-adapter-and-stand-in.md).
import esdb from '@eventstore/db-client';
import type { EventStoreDBClient as Client } from '@eventstore/db-client';
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
import { ConcurrencyError, DuplicateEventIdError, StoreUnavailableError } from '../../event-store.errors.js';
import { EventSerializer } from '../../serialization/event-serializer.js';
import { ChainVerifier } from '../../tamper-evidence/hash-chain.js';
import {
  checkExpectedRevision,
  draftEvents,
  idempotentResult,
  sealEvents,
  validateExpectedRevision,
  type StoredIdLocation,
} from '../../internal/append-plan.js';
import { matchesFilter, normalizeFilter } from '../../internal/event-filter.js';
import { toRecordedEvent } from '../../internal/recorded-event.js';
import { isUnavailable, NO_POSITION, unavailableReason, userEvent, type EsdbEvent } from './eventstoredb-records.js';
import { clientConnectionString } from './connection-string.js';
import { subscribeToAll } from './eventstoredb-subscription.js';

const { EventStoreDBClient, jsonEvent, BACKWARDS, FORWARDS, END, START, StreamNotFoundError, WrongExpectedVersionError } = esdb;

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`, or a cluster: `esdb://a:2113,b:2113,c:2113?tls=false`. */
  connectionString: string;
  serializer?: EventSerializer;
  /**
   * For expectedRevision 'any': how many of the stream's latest events are searched for the
   * batch's ids before appending (idempotency). Exact revisions and 'no_stream' need no window.
   */
  idempotencyWindow?: number;
  /** For 'any' and 'stream_exists': how often a lost race for the tail is retried. */
  maxRetries?: number;
  /**
   * How long an append, a stream read or one page of a $all read may take before it fails with
   * StoreUnavailableError (default 5000 ms). The 6.x client sets no deadline on these streaming
   * calls, so without one a hung server would hold a request forever. Subscriptions have none.
   */
  deadlineMs?: number;
  /** Subscriptions lost with the connection resubscribe after this delay, doubling up to `max` (default 250 ms to 5 s). */
  resubscribeDelayMs?: { initial: number; max: number };
}

/** Reads EVENTSTORE_CONNECTION_STRING (the app decides whether to use it). */
export function eventStoreDbConnectionStringFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.EVENTSTORE_CONNECTION_STRING?.trim();
  return value ? value : undefined;
}

interface Tail {
  revision: number;
  hash: string | undefined;
}

const NO_TAIL: Tail = { revision: -1, hash: undefined };

function tailOf(e: EsdbEvent): Tail {
  return { revision: e.revision, hash: typeof e.metadata.hash === 'string' ? e.metadata.hash : undefined };
}

const PAGE = 1000;
const TAIL_CACHE_LIMIT = 10_000;

/**
 * The EventStore port over EventStoreDB's gRPC client. EventStoreDB keeps the log, the revisions
 * and the optimistic concurrency; this adapter adds what the port promises beyond that:
 * - the hash chain: every append reads the stream's tail (or uses the tail it saw last, which is
 *   safe because the append then carries that exact revision) and appends with that exact
 *   expected revision, so no two appends can chain to the same predecessor; 'any' retries on a
 *   lost race instead of failing;
 * - idempotency on event ids with the original positions, read back from the stream;
 * - filters on $all reads (the 6.x client's readAll has none) and the exclusion of system events.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: Client;
  private readonly serializer: EventSerializer;
  private readonly window: number;
  private readonly maxRetries: number;
  private readonly tails = new Map<string, Tail>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly deadlineMs: number;
  private readonly resubscribeDelay: { initial: number; max: number };

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(clientConnectionString(options.connectionString));
    this.serializer = options.serializer ?? new EventSerializer();
    this.window = options.idempotencyWindow ?? 100;
    this.maxRetries = options.maxRetries ?? 50;
    this.deadlineMs = options.deadlineMs ?? 5000;
    this.resubscribeDelay = options.resubscribeDelayMs ?? { initial: 250, max: 5000 };
  }

  async append(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    validateExpectedRevision(expectedRevision);
    // Once the caller has been told the append failed, its remaining steps must not write late.
    const abandoned = { now: false };
    try {
      return await this.withDeadline(
        'append events',
        () => this.appendNow(stream, events, expectedRevision, abandoned),
        () => (abandoned.now = true),
      );
    } catch (error) {
      // The write may or may not have happened: read the tail again next time.
      if (error instanceof StoreUnavailableError) this.tails.delete(stream);
      throw error;
    }
  }

  /** The commit position of the last record of $all (system records included); 0 for an empty log. */
  async headPosition(): Promise<number> {
    return this.withDeadline('read the head of the log', async () => {
      let head = 0;
      for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) {
        const commit = resolved.event?.position?.commit;
        if (commit !== undefined && commit !== NO_POSITION) head = Math.max(head, Number(commit));
      }
      return head;
    });
  }

  private async appendNow(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision, abandoned: { now: boolean }): Promise<AppendResult> {
    const drafts = draftEvents(stream, events, this.serializer);
    const ids = drafts.map((d) => d.id);
    const exact = typeof expectedRevision === 'number' ? expectedRevision : expectedRevision === 'no_stream' ? -1 : undefined;

    for (let attempt = 0; ; attempt++) {
      let tail: Tail;
      if (exact !== undefined) {
        const cached = this.tails.get(stream);
        // A new stream's tail is known without asking; if it exists after all, the append says so.
        tail = cached && cached.revision === exact ? cached : exact === -1 ? NO_TAIL : await this.readTail(stream);
        if (tail.revision !== exact) {
          const replay = tail.revision > exact ? await this.replayAt(stream, exact + 1, ids) : undefined;
          if (replay) return replay;
          checkExpectedRevision(stream, expectedRevision, tail.revision);
        }
      } else {
        const latest = await this.readLatest(stream, this.window);
        const replay = idempotentResult(
          stream,
          ids,
          ids.map((id) => latest.locations.get(id)),
        );
        if (replay) return replay;
        tail = latest.tail;
        checkExpectedRevision(stream, expectedRevision, tail.revision);
      }

      const sealed = sealEvents(stream, tail.revision, tail.hash, drafts);
      if (abandoned.now) throw new StoreUnavailableError('append events', `no answer within ${this.deadlineMs} ms`);
      try {
        const result = await this.client.appendToStream(
          stream,
          // The data and metadata as parsed from their canonical texts: the client writes them with
          // JSON.stringify, so EventStoreDB holds them in canonical key order as SQLite does, and they
          // read back in the order in which canonicalJson (the audit tree's leaves, chain checks) is
          // JSON.stringify itself; in the caller's order every read would sort them again.
          sealed.map((e) => jsonEvent({ id: e.id, type: e.type, data: JSON.parse(e.dataJson) as never, metadata: JSON.parse(e.metadataJson) as never })),
          // The server gets the same deadline: it answers Timeout when the write is not done by then.
          { expectedRevision: tail.revision < 0 ? esdb.NO_STREAM : BigInt(tail.revision), deadline: this.deadlineMs },
        );
        const last = sealed[sealed.length - 1]!;
        this.rememberTail(stream, { revision: last.revision, hash: last.hash });
        return { nextRevision: Number(result.nextExpectedRevision), position: Number(result.position!.commit) };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        this.tails.delete(stream);
        const actual = error.actualVersion === 'no_stream' || typeof error.actualVersion !== 'bigint' ? -1 : Number(error.actualVersion);
        if (exact !== undefined) {
          const replay = actual > exact ? await this.replayAt(stream, exact + 1, ids) : undefined;
          if (replay) return replay;
          throw new ConcurrencyError(stream, expectedRevision, actual < 0 ? 'no_stream' : actual);
        }
        if (attempt >= this.maxRetries) throw new ConcurrencyError(stream, expectedRevision, actual < 0 ? 'no_stream' : actual);
      }
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = await this.withDeadline('read a stream', () => this.readStreamRaw(stream, options));
    // A read that reached the end of the stream saw its tail: the next append there needs no read of its own.
    const backwards = options.direction === 'backwards';
    const last = backwards ? events[0] : events.at(-1);
    if (last && (backwards ? options.fromRevision === undefined : options.maxCount === undefined || events.length < options.maxCount))
      this.rememberTail(stream, tailOf(last));
    return events.map((e) => this.toRecorded(e));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const filter = normalizeFilter(options);
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const out: RecordedEvent[] = [];
    let after = options.fromPosition ?? -1;
    for (;;) {
      const page = await this.readAllPage(after);
      for (const event of page.events) {
        after = event.position;
        if (matchesFilter(filter, event.streamId, event.type)) {
          out.push(this.toRecorded(event));
          if (out.length >= max) return out;
        }
      }
      after = Math.max(after, page.scannedTo);
      if (page.received < PAGE) return out;
    }
  }

  /**
   * One page of $all after `after` (user events only), within the deadline. $all reads from a
   * position include the record at it, so what was seen is skipped.
   */
  private async readAllPage(after: number): Promise<{ events: EsdbEvent[]; received: number; scannedTo: number }> {
    return this.withDeadline('read the log', async () => {
      const events: EsdbEvent[] = [];
      let received = 0;
      let scannedTo = after;
      for await (const resolved of this.client.readAll({
        fromPosition: after < 0 ? START : { commit: BigInt(after), prepare: BigInt(after) },
        direction: FORWARDS,
        maxCount: PAGE,
      })) {
        received++;
        const commit = resolved.event?.position?.commit;
        if (commit !== undefined && commit !== NO_POSITION) scannedTo = Math.max(scannedTo, Number(commit));
        const event = userEvent(resolved);
        if (event && event.position > after) events.push(event);
      }
      return { events, received, scannedTo };
    });
  }

  /** A catch-up subscription to $all that survives lost connections (see subscribeToAll). */
  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription {
    const subscription = subscribeToAll(this.client, options, handler, { resubscribeDelay: this.resubscribeDelay, toRecorded: (e) => this.toRecorded(e) });
    this.subscriptions.add(subscription);
    void subscription.closed.then(
      () => this.subscriptions.delete(subscription),
      () => this.subscriptions.delete(subscription),
    );
    return subscription;
  }

  async verify(stream?: string): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    const chained = (e: EsdbEvent) => ({
      id: e.id,
      stream: e.streamId,
      revision: e.revision,
      position: e.position,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
    });
    if (stream !== undefined) {
      for (const e of await this.withDeadline('read a stream', () => this.readStreamRaw(stream, {}))) if (!verifier.check(chained(e))) break;
      return verifier.result();
    }
    let after = -1;
    for (;;) {
      const page = await this.readAllPage(after);
      for (const event of page.events) {
        after = event.position;
        if (!verifier.check(chained(event))) return verifier.result();
      }
      after = Math.max(after, page.scannedTo);
      if (page.received < PAGE) return verifier.result();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  /**
   * Runs one store call within the deadline; failures to reach the server (and the deadline)
   * become StoreUnavailableError. A call already sent is left to finish or fail on its own
   * (`onDeadline` lets the work skip what it has not sent yet).
   */
  private async withDeadline<T>(operation: string, work: () => Promise<T>, onDeadline?: () => void): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        onDeadline?.();
        reject(new StoreUnavailableError(operation, `no answer within ${this.deadlineMs} ms`));
      }, this.deadlineMs);
    });
    try {
      return await Promise.race([work(), deadline]);
    } catch (error) {
      if (isUnavailable(error)) throw new StoreUnavailableError(operation, unavailableReason(error), { cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async readStreamRaw(stream: string, options: ReadStreamOptions): Promise<EsdbEvent[]> {
    const backwards = options.direction === 'backwards';
    const out: EsdbEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      })) {
        const event = userEvent(resolved);
        if (event) out.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  private async readTail(stream: string): Promise<Tail> {
    return (await this.readLatest(stream, 1)).tail;
  }

  /** The stream's last `count` events: its tail, and where each of their ids sits. */
  private async readLatest(stream: string, count: number): Promise<{ tail: Tail; locations: Map<string, StoredIdLocation> }> {
    const latest = await this.readStreamRaw(stream, { direction: 'backwards', maxCount: Math.max(1, count) });
    const locations = new Map<string, StoredIdLocation>();
    for (const e of latest) locations.set(e.id, { stream, revision: e.revision, position: e.position });
    const last = latest[0];
    const tail = last ? tailOf(last) : NO_TAIL;
    if (last) this.rememberTail(stream, tail);
    return { tail, locations };
  }

  /** If the batch's ids are the stream's events from `revision` on, the append already happened. */
  private async replayAt(stream: string, revision: number, ids: string[]): Promise<AppendResult | undefined> {
    const stored = await this.readStreamRaw(stream, { fromRevision: revision, maxCount: ids.length });
    if (stored.length === 0 || stored[0]!.id !== ids[0]) {
      if (stored.some((e) => ids.includes(e.id))) throw new DuplicateEventIdError(stream, ids, 'some event ids are already stored, but not as this same batch');
      return undefined;
    }
    const found = ids.map((id, i) => (stored[i]?.id === id ? { stream, revision: stored[i]!.revision, position: stored[i]!.position } : undefined));
    return idempotentResult(stream, ids, found);
  }

  private rememberTail(stream: string, tail: Tail): void {
    this.tails.delete(stream);
    this.tails.set(stream, tail);
    if (this.tails.size > TAIL_CACHE_LIMIT) this.tails.delete(this.tails.keys().next().value!);
  }

  private toRecorded(e: EsdbEvent): RecordedEvent {
    return toRecordedEvent(this.serializer, e.id, e.streamId, e.revision, e.position, e.type, e.data, e.metadata, e.created.toISOString());
  }
}

/** Connects to EventStoreDB (the connection opens lazily, on the first call). */
export function openEventStoreDbEventStore(options: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
  return new EventStoreDbEventStore(options);
}
