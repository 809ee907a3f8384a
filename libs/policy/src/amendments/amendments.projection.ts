import { Injectable } from '@nestjs/common';
import { LiveFeed } from '#api-kit';
import { evolveAmendment, initialAmendmentState, type AmendmentEvent, type AmendmentState } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { MemoryProjection } from '#projections';
import { toAmendmentView } from './amendment-view.js';
import type { AmendmentType } from './graphql/amendment.type.js';

export const AMENDMENT_STREAM_PREFIX = 'amendment-';
export const AMENDMENT_STATUS_CHANGED = 'amendmentStatusChanged';

/** Every amendment folded in memory (they are few): listings, previews and the status feed. */
@Injectable()
export class AmendmentsProjection {
  private readonly amendments = new Map<string, { state: AmendmentState; position: number }>();

  readonly projection: MemoryProjection = {
    name: 'amendments',
    events: { streamPrefix: AMENDMENT_STREAM_PREFIX },
    storage: 'memory',
    apply: (events) => {
      for (const event of events) this.apply(event);
    },
  };

  constructor(private readonly feed: LiveFeed) {}

  get(amendmentId: string): { state: AmendmentState; position: number } | undefined {
    return this.amendments.get(amendmentId);
  }

  all(): AmendmentType[] {
    return [...this.amendments.values()].map(({ state, position }) => toAmendmentView(state, position)).sort((a, b) => a.position - b.position);
  }

  private apply(recorded: RecordedEvent): void {
    const id = recorded.stream.slice(AMENDMENT_STREAM_PREFIX.length);
    const current = this.amendments.get(id)?.state ?? initialAmendmentState();
    const state = evolveAmendment(current, { type: recorded.type, data: recorded.data } as AmendmentEvent);
    this.amendments.set(id, { state, position: recorded.position });
    this.feed.publish(AMENDMENT_STATUS_CHANGED, toAmendmentView(state, recorded.position));
  }
}
