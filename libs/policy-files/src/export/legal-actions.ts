import { canonicalJson, type PolicyEvent } from '#domain';

/** A policy event as read from the store, with what the export needs of its metadata. */
export interface StoredPolicyEvent {
  event: PolicyEvent;
  position: number;
  metadata: Record<string, unknown>;
}

/** One legal action (a file imported, or an amendment published) as the store recorded it. */
export interface RecordedLegalAction {
  id: string;
  events: PolicyEvent[];
  /** Position of its first event. */
  position: number;
  /** The file it was imported from, if it was (recorded in its first event's metadata). */
  file?: { name: string; text: string };
}

/** The metadata key of a legal action's first event that holds the file it was imported from (see libs/policy's import). */
export const POLICY_FILE_METADATA = 'policyFile';

/**
 * A policy stream cut into its legal actions, in recording order. Each was appended whole
 * (one import or one publication is one append), so its events are contiguous.
 * @throws Error when an amendment's events are interleaved with another's
 */
export function legalActionsOf(recorded: readonly StoredPolicyEvent[]): RecordedLegalAction[] {
  const actions: RecordedLegalAction[] = [];
  const seen = new Set<string>();
  for (const { event, position, metadata } of recorded) {
    const id = event.data.amendmentId;
    const current = actions.at(-1);
    if (current?.id === id) {
      current.events.push(event);
      continue;
    }
    if (seen.has(id)) throw new Error(`the changes of ${id} are not contiguous in the policy stream (again at position ${position})`);
    seen.add(id);
    actions.push({ id, events: [event], position, ...recordedFile(metadata) });
  }
  return actions;
}

function recordedFile(metadata: Record<string, unknown>): { file?: { name: string; text: string } } {
  const file = metadata[POLICY_FILE_METADATA] as { name?: unknown; text?: unknown } | undefined;
  return typeof file?.name === 'string' && typeof file.text === 'string' ? { file: { name: file.name, text: file.text } } : {};
}

/** Whether two runs of events record the same changes, byte for byte in canonical JSON. */
export function sameEvents(a: readonly PolicyEvent[], b: readonly PolicyEvent[]): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
