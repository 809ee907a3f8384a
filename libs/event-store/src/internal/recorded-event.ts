import type { RecordedEvent } from '../event-store.port.js';
import type { EventSerializer } from '../serialization/event-serializer.js';

/** A stored row turned into what the port returns: data upcast to the current shape. */
export function toRecordedEvent(
  serializer: EventSerializer,
  id: string,
  stream: string,
  revision: number,
  position: number,
  type: string,
  storedData: unknown,
  metadata: Record<string, unknown>,
  recordedAt: string,
): RecordedEvent {
  const version = typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 1;
  const data = serializer.upcast(type, storedData, version);
  if (data === storedData) return { id, stream, revision, position, type, data, metadata, recordedAt };
  return { id, stream, revision, position, type, data, storedData, metadata, recordedAt };
}

/**
 * A stored row as an event that keeps its stored texts and parses them only when `data`,
 * `storedData` or `metadata` is first read (a subscription with `storedText`).
 */
export function recordedEventWithText(
  serializer: EventSerializer,
  id: string,
  stream: string,
  revision: number,
  position: number,
  type: string,
  dataText: string,
  metadataText: string,
  recordedAt: string,
): RecordedEvent {
  let parsed: RecordedEvent | undefined;
  const full = (): RecordedEvent =>
    (parsed ??= toRecordedEvent(
      serializer,
      id,
      stream,
      revision,
      position,
      type,
      JSON.parse(dataText),
      JSON.parse(metadataText) as Record<string, unknown>,
      recordedAt,
    ));
  return {
    id,
    stream,
    revision,
    position,
    type,
    recordedAt,
    storedText: { data: dataText, metadata: metadataText },
    get data() {
      return full().data;
    },
    get storedData() {
      return full().storedData;
    },
    get metadata() {
      return full().metadata;
    },
  };
}
