import { canonicalJson } from '#domain/canonical-json';
import type { MerkleHasher } from './merkle-hasher.js';

/**
 * One event of the log as a leaf of the audit tree: exactly as stored (the data in its stored
 * schema version, not upcast; the metadata with its hash chain), with the store's recorded time.
 */
export interface LeafEvent {
  stream: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  /** ISO-8601 UTC with milliseconds, as the store assigned it at commit. */
  recordedAt: string;
}

/**
 * The canonical bytes of a leaf: UTF-8 of the canonical JSON (keys sorted by UTF-16 code units at
 * every depth, no whitespace, strings and numbers as ECMAScript JSON.stringify writes them) of
 * `{ data, metadata, recordedAt, revision, stream, type }`. docs/audit.md has the full rule.
 */
export function leafBytes(event: LeafEvent): Uint8Array {
  return new TextEncoder().encode(leafText(event));
}

export function leafText(event: LeafEvent): string {
  return canonicalJson({
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
    revision: event.revision,
    stream: event.stream,
    type: event.type,
  });
}

/**
 * The same text as `leafText`, from the canonical JSON texts of the data and metadata (as the
 * event store wrote them at append), without parsing them: the members are written in their
 * canonical order (data, metadata, recordedAt, revision, stream, type) around the given texts.
 */
export function leafTextOfCanonical(event: Omit<LeafEvent, 'data' | 'metadata'> & { dataText: string; metadataText: string }): string {
  return `{"data":${event.dataText},"metadata":${event.metadataText},"recordedAt":${JSON.stringify(event.recordedAt)},"revision":${canonicalJson(event.revision)},"stream":${JSON.stringify(event.stream)},"type":${JSON.stringify(event.type)}}`;
}

/** SHA-256(0x00 || canonical bytes). */
export function leafHashOf(hasher: MerkleHasher, event: LeafEvent): Uint8Array {
  return hasher.leafHashOfText(leafText(event));
}
