import type { PolicyChange } from './policy-change.js';
import { changeToEvent } from './change-to-event.js';
import type { RecordedPolicyEvent } from './policy-events.js';
import { parseInstant } from '../time/instant.js';

/**
 * Test support: a recorded policy event from a change, with dates given as plain dates.
 * `recordedAt` defaults to the publication date; `id` makes the change id.
 */
export function recorded(
  position: number,
  change: PolicyChange,
  options: { recordedAt?: string; publishedAt?: string; id?: string } = {},
): RecordedPolicyEvent {
  const publishedAt = parseInstant(options.publishedAt ?? change.effectiveAt);
  const amendmentId = options.id ?? `change-${position}`;
  const event = changeToEvent({ ...change, effectiveAt: parseInstant(change.effectiveAt) } as PolicyChange, {
    changeId: `${amendmentId}#0`,
    amendmentId,
    effectiveAt: parseInstant(change.effectiveAt),
    source: { citation: `Test source ${amendmentId}`, publishedAt },
    rationale: 'test',
  });
  return { event, position, recordedAt: parseInstant(options.recordedAt ?? options.publishedAt ?? change.effectiveAt) };
}
