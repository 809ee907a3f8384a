import type { PolicyEvent, RecordedPolicyEvent } from '#domain';
import type { RecordedEvent } from '#event-store';

export const POLICY_STREAM_PREFIX = 'policy-';
export const DEFAULT_POLICY_ID = 'ai-export-controls';

export function policyIdOf(stream: string): string {
  return stream.slice(POLICY_STREAM_PREFIX.length);
}

export function toRecordedPolicyEvent(recorded: RecordedEvent): RecordedPolicyEvent {
  const event = { type: recorded.type, data: recorded.data } as PolicyEvent;
  return { event, position: recorded.position, recordedAt: recorded.recordedAt };
}
