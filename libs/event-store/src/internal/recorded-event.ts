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
