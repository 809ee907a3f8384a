import type { SignedCheckpoint } from '#audit';
import type { RecordedEvent } from '#event-store';

/** Checkpoints are events of this stream; each is a leaf of the tree like any other event. */
export const CHECKPOINT_STREAM = 'audit-checkpoints';
export const AUDIT_CHECKPOINT_RECORDED = 'AuditCheckpointRecorded';

export function checkpointOf(event: RecordedEvent): SignedCheckpoint | undefined {
  if (event.stream !== CHECKPOINT_STREAM || event.type !== AUDIT_CHECKPOINT_RECORDED) return undefined;
  return event.data as SignedCheckpoint;
}
