import type { LeafEvent } from '#audit';
import type { RecordedEvent } from '#event-store';

/** The leaf an event is: as stored (data before any upcast), with the store's recorded time. */
export function leafEventOf(event: RecordedEvent): LeafEvent {
  return {
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    data: 'storedData' in event ? event.storedData : event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  };
}
