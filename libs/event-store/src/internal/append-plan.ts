import { ConcurrencyError, DuplicateEventIdError } from '../event-store.errors.js';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port.js';
import type { EventSerializer } from '../serialization/event-serializer.js';
import { canonicalJson, canonicalMembers, joinMembers } from '#domain/canonical-json';
import { GENESIS_HASH, eventHash } from '../tamper-evidence/hash-chain.js';

/** Metadata keys the store owns; callers may not set them. */
export const RESERVED_METADATA_KEYS = ['schemaVersion', 'prevHash', 'hash'] as const;

/** An event ready to be written: stored shape, canonical JSON texts, and its link in the chain. */
export interface SealedEvent {
  id: string;
  type: string;
  revision: number;
  /** Canonical JSON of the stored data. */
  dataJson: string;
  /** The stored metadata, including schemaVersion, prevHash and hash. */
  metadata: Record<string, unknown>;
  /** Canonical JSON of `metadata`. */
  metadataJson: string;
  hash: string;
}

/** What the batch looks like before it knows where in the stream it goes (validated, not yet serialized). */
export interface DraftEvent {
  id: string;
  type: string;
  /** The caller's data (JSON in the type's current shape); serialized when sealed. */
  data: unknown;
  /** Caller metadata plus schemaVersion (prevHash and hash are added when sealed). */
  metadata: Record<string, unknown>;
}

export function validateExpectedRevision(expected: ExpectedRevision): void {
  if (typeof expected === 'number') {
    if (!Number.isSafeInteger(expected) || expected < 0)
      throw new RangeError(`expectedRevision must be an integer >= 0, 'no_stream', 'any' or 'stream_exists'; got ${expected}.`);
  } else if (expected !== 'no_stream' && expected !== 'any' && expected !== 'stream_exists') {
    throw new RangeError(`expectedRevision must be an integer >= 0, 'no_stream', 'any' or 'stream_exists'; got ${String(expected)}.`);
  }
}

/** Validates the batch and turns it into stored shapes (serializer version stamped). */
export function draftEvents(stream: string, events: NewEvent[], serializer: EventSerializer): DraftEvent[] {
  if (typeof stream !== 'string' || stream.length === 0) throw new RangeError('stream must be a non-empty string.');
  if (stream.startsWith('$')) throw new RangeError(`stream "${stream}": names starting with "$" are reserved for the store.`);
  if (!Array.isArray(events) || events.length === 0) throw new RangeError('append needs at least one event.');
  const seen = new Set<string>();
  const drafts: DraftEvent[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (typeof event.id !== 'string' || event.id.length === 0) throw new RangeError(`event ${i}: id must be a non-empty string (a UUID).`);
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.startsWith('$')) {
      throw new RangeError(`event ${i}: type must be a non-empty string not starting with "$".`);
    }
    if (seen.has(event.id)) throw new DuplicateEventIdError(stream, [event.id], 'the batch repeats an event id');
    seen.add(event.id);
    const metadata: Record<string, unknown> = {};
    if (event.metadata !== undefined) {
      if (event.metadata === null || typeof event.metadata !== 'object' || Array.isArray(event.metadata)) {
        throw new RangeError(`event ${i}: metadata must be an object.`);
      }
      for (const key of RESERVED_METADATA_KEYS) {
        if (key in event.metadata) throw new RangeError(`event ${i}: metadata key "${key}" is set by the store.`);
      }
      Object.assign(metadata, event.metadata);
    }
    metadata.schemaVersion = serializer.currentVersion(event.type);
    if (event.data === undefined) throw new RangeError(`event ${i}: data must be JSON (not undefined).`);
    drafts[i] = { id: event.id, type: event.type, data: event.data, metadata };
  }
  return drafts;
}

/**
 * Places drafts after a stream's tail one at a time and chains their hashes. One at a time, so
 * that an adapter can write each event as it is sealed instead of holding the whole batch's texts.
 */
export class ChainSealer {
  private revision: number;
  private prevHash: string;

  constructor(
    private readonly stream: string,
    tailRevision: number,
    tailHash: string | undefined,
  ) {
    this.revision = tailRevision;
    this.prevHash = tailRevision < 0 ? GENESIS_HASH : (tailHash ?? GENESIS_HASH);
  }

  seal(draft: DraftEvent): SealedEvent {
    const revision = ++this.revision;
    const prevHash = this.prevHash;
    const dataJson = canonicalJson(draft.data);
    const metadata: Record<string, unknown> = { ...draft.metadata, prevHash };
    const members = canonicalMembers(metadata);
    const hash = eventHash(this.stream, revision, draft.type, dataJson, joinMembers(members), prevHash);
    metadata.hash = hash;
    // "hash" joins the already-canonical members at its sorted place.
    let at = 0;
    while (at < members.length && members[at]!.key < 'hash') at++;
    members.splice(at, 0, { key: 'hash', text: '"hash":"' + hash + '"' });
    this.prevHash = hash;
    return { id: draft.id, type: draft.type, revision, dataJson, metadata, metadataJson: joinMembers(members), hash };
  }
}

/** Places the drafts after the stream's tail and chains their hashes. */
export function sealEvents(stream: string, tailRevision: number, tailHash: string | undefined, drafts: DraftEvent[]): SealedEvent[] {
  const sealer = new ChainSealer(stream, tailRevision, tailHash);
  return drafts.map((draft) => sealer.seal(draft));
}

/** Throws ConcurrencyError unless a stream whose last revision is `current` (-1: none) satisfies `expected`. */
export function checkExpectedRevision(stream: string, expected: ExpectedRevision, current: number): void {
  const ok = expected === 'any' || (expected === 'no_stream' && current === -1) || (expected === 'stream_exists' && current >= 0) || expected === current;
  if (!ok) throw new ConcurrencyError(stream, expected, current < 0 ? 'no_stream' : current);
}

/** Where an id is already stored, if it is. */
export interface StoredIdLocation {
  stream: string;
  revision: number;
  position: number;
}

/**
 * Idempotency: if every id of the batch is already stored, in this stream, at consecutive
 * revisions in batch order, the append already happened: return its original result. If none is
 * stored, return undefined (append normally). Anything in between is an error.
 */
export function idempotentResult(stream: string, ids: string[], found: (StoredIdLocation | undefined)[]): AppendResult | undefined {
  const present = found.filter((f) => f !== undefined).length;
  if (present === 0) return undefined;
  const first = found[0];
  const sameBatch =
    present === ids.length && first !== undefined && found.every((f, i) => f !== undefined && f.stream === stream && f.revision === first.revision + i);
  if (!sameBatch) {
    const overlapping = ids.filter((_, i) => found[i] !== undefined);
    throw new DuplicateEventIdError(stream, overlapping, 'some event ids are already stored, but not as this same batch of this stream');
  }
  const last = found[found.length - 1]!;
  return { nextRevision: last.revision, position: last.position };
}

/** recordedAt for a commit: now, but never before the last recorded commit (bitemporal order). */
export function monotonicRecordedAt(nowMs: number, lastRecordedAt: string | undefined): string {
  const now = new Date(nowMs).toISOString();
  return lastRecordedAt !== undefined && lastRecordedAt > now ? lastRecordedAt : now;
}
