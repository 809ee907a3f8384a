import { instantMs, type Instant } from '../time/instant.js';
import type { PolicyEvent, RecordedPolicyEvent } from './policy-events.js';
import type { PolicyCoordinates, PolicyVersion } from './policy-state.js';
import { LruCache } from './lru-cache.js';
import { ValidTimeIndex } from './valid-time-index.js';

/**
 * The bitemporal fold of one policy stream: answers "the policy in force at validAt, as recorded
 * by knownAt, counting only sources published by publishedBy".
 *
 * Knowledge is a prefix of the stream: an event is known from the latest recordedAt of it and
 * every event before it, so a knownAt maps to one stream position by binary search. Each body of
 * knowledge (position, publication cut-off) is folded once into a ValidTimeIndex and cached, so a
 * lookup at known coordinates is two binary searches.
 */
export class PolicyTimeline {
  private readonly recorded: RecordedPolicyEvent[] = [];
  private readonly knownFromMs: number[] = [];
  private readonly publicationDates: number[] = [];
  private readonly indexes = new LruCache<string, ValidTimeIndex>(64);

  constructor(
    readonly policyId: string,
    events: readonly RecordedPolicyEvent[] = [],
  ) {
    this.append(events);
  }

  get headPosition(): number {
    return this.recorded.length === 0 ? 0 : this.recorded[this.recorded.length - 1].position;
  }

  get events(): readonly RecordedPolicyEvent[] {
    return this.recorded;
  }

  /** Adds newly recorded events in position order; events already held are ignored (catch-up overlap). */
  append(events: readonly RecordedPolicyEvent[]): void {
    for (const recorded of events) {
      if (recorded.position <= this.headPosition) {
        if (this.recorded.some((held) => held.position === recorded.position)) continue;
        throw new Error(`policy ${this.policyId}: event at position ${recorded.position} arrived after ${this.headPosition}`);
      }
      const previous = this.knownFromMs.length === 0 ? Number.NEGATIVE_INFINITY : this.knownFromMs[this.knownFromMs.length - 1];
      this.recorded.push(recorded);
      this.knownFromMs.push(Math.max(previous, instantMs(recorded.recordedAt)));
      insertSorted(this.publicationDates, instantMs(recorded.event.data.source.publishedAt));
    }
  }

  /** The stream position known at an instant: 0 when nothing had been recorded. */
  knownPositionAt(knownAt: Instant): number {
    const index = lastAtOrBefore(this.knownFromMs, instantMs(knownAt));
    return index < 0 ? 0 : this.recorded[index].position;
  }

  stateAt(coordinates: PolicyCoordinates): PolicyVersion {
    const knownPosition = this.positionFor(coordinates);
    const publishedBy = coordinates.publishedBy ?? null;
    const { state, stateHash } = this.indexFor(knownPosition, publishedBy).at(instantMs(coordinates.validAt));
    return {
      policyId: this.policyId,
      validAt: coordinates.validAt,
      knownAt: coordinates.knownAt,
      knownPosition,
      publishedBy,
      stateHash,
      state,
    };
  }

  private positionFor(coordinates: PolicyCoordinates): number {
    return coordinates.knownPosition ?? this.knownPositionAt(coordinates.knownAt);
  }

  /** The changes in force at the coordinates, after retractions: what a replay diff compares. */
  changesInForce(coordinates: PolicyCoordinates): RecordedPolicyEvent[] {
    const validMs = instantMs(coordinates.validAt);
    const index = this.indexFor(this.positionFor(coordinates), coordinates.publishedBy ?? null);
    return index.changes.filter((recorded) => instantMs(recorded.event.data.effectiveAt) <= validMs);
  }

  /** The recorded change with this id, if any. */
  change(changeId: string): RecordedPolicyEvent | undefined {
    return this.recorded.find((recorded) => recorded.event.data.changeId === changeId);
  }

  /**
   * A preview: this timeline plus staged events, as if recorded at `recordedAt` right after the
   * head. Nothing is stored; positions past the head are placeholders.
   */
  withStaged(events: readonly PolicyEvent[], recordedAt: Instant): PolicyTimeline {
    const head = this.headPosition;
    const staged = events.map((event, offset) => ({ event, position: head + offset + 1, recordedAt }));
    return new PolicyTimeline(this.policyId, [...this.recorded, ...staged]);
  }

  private indexFor(knownPosition: number, publishedBy: Instant | null): ValidTimeIndex {
    const cutoff = publishedBy === null ? null : this.publicationCutoff(instantMs(publishedBy));
    const key = `${knownPosition}|${cutoff ?? ''}`;
    let index = this.indexes.get(key);
    if (!index) {
      index = new ValidTimeIndex(this.knowledge(knownPosition, cutoff));
      this.indexes.set(key, index);
    }
    return index;
  }

  /** Publication cut-offs between two consecutive publication dates select the same changes. */
  private publicationCutoff(publishedByMs: number): number {
    const index = lastAtOrBefore(this.publicationDates, publishedByMs);
    return index < 0 ? Number.NEGATIVE_INFINITY : this.publicationDates[index];
  }

  /**
   * The changes known at a position and published by the cut-off, less those voided by a known
   * retraction. Later retractions rule on earlier ones, so a retracted retraction restores its
   * target. Retractions correct the record and are not filtered by publication date.
   */
  private knowledge(knownPosition: number, publishedCutoffMs: number | null): RecordedPolicyEvent[] {
    const known = this.recorded.filter((recorded) => recorded.position <= knownPosition);
    const voided = new Set<string>();
    for (let i = known.length - 1; i >= 0; i--) {
      const { event } = known[i];
      if (event.type === 'PolicyChangeRetracted' && !voided.has(event.data.changeId)) {
        voided.add(event.data.retractedChangeId);
      }
    }
    return known.filter(
      ({ event }) =>
        event.type !== 'PolicyChangeRetracted' &&
        !voided.has(event.data.changeId) &&
        (publishedCutoffMs === null || instantMs(event.data.source.publishedAt) <= publishedCutoffMs),
    );
  }
}

function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

function insertSorted(sorted: number[], value: number): void {
  if (sorted.length === 0 || sorted[sorted.length - 1] < value) {
    sorted.push(value);
    return;
  }
  const at = lastAtOrBefore(sorted, value);
  if (at >= 0 && sorted[at] === value) return;
  sorted.splice(at + 1, 0, value);
}
