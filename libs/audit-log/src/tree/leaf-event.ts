import { leafHashOf, leafTextOfCanonical, type LeafEvent, type MerkleHasher } from '#audit';
import type { RecordedEvent } from '#event-store';

/** The leaf an event is: as stored (data before any upcast), with the store's recorded time. */
export function leafEventOf(event: RecordedEvent): LeafEvent {
  return {
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    data: event.storedData !== undefined ? event.storedData : event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  };
}

/**
 * An event's leaf hash: from the texts the store holds when it gives them (a subscription with
 * `storedText`: canonical JSON written at append, so the same bytes without parsing and
 * re-serializing), else from the parsed event.
 */
export function leafHashOfEvent(hasher: MerkleHasher, event: RecordedEvent): Uint8Array {
  const text = event.storedText;
  if (!text) return leafHashOf(hasher, leafEventOf(event));
  const { stream, revision, type, recordedAt } = event;
  return hasher.leafHashOfText(leafTextOfCanonical({ stream, revision, type, recordedAt, dataText: text.data, metadataText: text.metadata }));
}
