/**
 * The event store port: the one interface every store adapter (memory, SQLite, EventStoreDB)
 * implements and the contract suite holds them to (docs/adr/003-event-store-port-and-sqlite.md).
 *
 * Revisions are 0-based per stream (EventStoreDB semantics). Global positions are JS numbers,
 * strictly increasing in commit order but not necessarily dense: SQLite uses its row id,
 * EventStoreDB its commit position (a byte offset in its log; a JS number holds it exactly up
 * to 9 PB of log).
 */

/** What the caller believes the stream's last revision is. */
export type ExpectedRevision = number | 'no_stream' | 'any' | 'stream_exists';

/** An event to append. `data` is JSON in the type's current shape; the serializer versions it. */
export interface NewEvent {
  /** A UUID chosen by the caller; re-appending the same ids is a no-op (idempotency). */
  id: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

/** An event as read back: the store, not the caller, assigns revision, position and recordedAt. */
export interface RecordedEvent {
  id: string;
  stream: string;
  /** 0-based revision within the stream. */
  revision: number;
  /** Global commit position; strictly increasing in commit order. */
  position: number;
  type: string;
  /** Always in the type's current shape (older stored versions are upcast on read). */
  data: unknown;
  /**
   * The data exactly as stored, present only when it was upcast on read (an older schema
   * version). The audit tree hashes stored events, so old leaves never change with new upcasters.
   */
  storedData?: unknown;
  /**
   * The stored metadata: the caller's keys plus `schemaVersion` (the stored version of `data`),
   * `prevHash` and `hash` (the tamper-evidence chain).
   */
  metadata: Record<string, unknown>;
  /** ISO-8601 UTC; assigned at commit, non-decreasing in position order. */
  recordedAt: string;
  /**
   * The data and metadata exactly as the store holds them: the canonical JSON texts written at
   * append (stored data, not upcast). Set only for subscriptions with `storedText` on stores that
   * keep text (SQLite); such an event parses its metadata only if read, and its data afresh at
   * every read of `data` or `storedData` (it keeps none: read it once).
   */
  storedText?: { data: string; metadata: string };
}

export interface AppendResult {
  /** Revision of the last appended event (the expected revision for the next append). */
  nextRevision: number;
  /** Global position of the last appended event. */
  position: number;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first (forwards) or last (backwards) event. */
  fromRevision?: number;
  maxCount?: number;
}

/** Selects events of the global log. Both filters may be combined (an event must match both). */
export interface EventFilter {
  /** Stream name prefix(es); an event matches if its stream starts with any of them. */
  streamPrefix?: string | string[];
  /** Exact event types; an event matches if its type is one of them. */
  eventTypes?: string[];
}

export interface ReadAllOptions extends EventFilter {
  /** Exclusive: events strictly after this position. Undefined = from the start. */
  fromPosition?: number;
  maxCount?: number;
}

export interface SubscribeOptions extends EventFilter {
  /** Exclusive (a checkpoint: the position of the last event handled). Undefined = from the start. */
  fromPosition?: number;
  /**
   * Deliver each event's stored texts (`RecordedEvent.storedText`) where the store keeps them,
   * parsing its JSON only if the handler reads `data` or `metadata`, and keeping no parsed data:
   * for a consumer that hashes what was stored (the audit tree), or reads each event's data once
   * over a long log (the determinations read model). Stores that do not keep text ignore it.
   */
  storedText?: boolean;
}

export type EventHandler = (event: RecordedEvent) => Promise<void> | void;

/**
 * A catch-up subscription: delivers every matching event after `fromPosition` in position order,
 * one at a time (the next waits for the handler), then stays live.
 */
export interface Subscription {
  /** Resolves once every event that existed when the subscription reached the head has been handled. */
  readonly caughtUp: Promise<void>;
  /**
   * How far the subscription has searched the log: every matching event at or before this position
   * has been handled. It is at least the last handled event's position, and further once the store
   * has searched past it (EventStoreDB's filtered subscriptions say so with checkpoints), so a
   * consumer that saves it and resubscribes from it skips nothing and searches nothing twice.
   * `fromPosition` (undefined: the start of the log) until the subscription has searched anything.
   */
  readonly position: number | undefined;
  /** Settles when the subscription ends: resolves after `stop()`, rejects if the handler or the store failed. */
  readonly closed: Promise<void>;
  /** Stops delivering; resolves after the handler in progress (if any) has returned. */
  stop(): Promise<void>;
}

/** A link of the hash chain that does not hold. */
export interface BrokenLink {
  stream: string;
  revision: number;
  position: number;
  id: string;
  reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'missing-hash' | 'revision-gap';
  expected: string;
  actual: string;
}

export type ChainVerification =
  { ok: true; streamsChecked: number; eventsChecked: number } | { ok: false; streamsChecked: number; eventsChecked: number; broken: BrokenLink };

export interface EventStore {
  /**
   * Appends `events` to `stream` atomically if the stream is at `expectedRevision`.
   * Throws `ConcurrencyError` otherwise. Re-appending a batch whose ids are already stored as
   * that same batch returns the original result and writes nothing.
   */
  append(stream: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /** The stream's events; an empty array if the stream does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The global log in position order (user events only; EventStoreDB system events are skipped). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribe(options: SubscribeOptions, handler: EventHandler): Subscription;
  /** Walks one stream (or every stream) and reports the first broken link of its hash chain. */
  verify(stream?: string): Promise<ChainVerification>;
  /**
   * Whether an append can succeed now, for a store that can run out of room on its own (the
   * embedded SQLite file); readiness reports it. Absent: the store's server answers for that.
   */
  writable?(): Promise<WriteState>;
  close(): Promise<void>;
}

/** `since`: the first refusal of the current spell; `reason` is safe to show (no path). */
export type WriteState = { writable: true } | { writable: false; reason: string; since: Date };
