import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, LiveFeed } from '#api-kit';
import { evolveAmendment, initialAmendmentState, type AmendmentEvent, type AmendmentState } from '#domain';
import type { EventStore, RecordedEvent, Subscription } from '#event-store';
import { toAmendmentView } from './amendment-view.js';
import type { AmendmentType } from './graphql/amendment.type.js';

export const AMENDMENT_STREAM_PREFIX = 'amendment-';
export const AMENDMENT_STATUS_CHANGED = 'amendmentStatusChanged';

/** Every amendment folded in memory (they are few): listings, previews and the status feed. */
@Injectable()
export class AmendmentsProjection implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AmendmentsProjection.name);
  private readonly amendments = new Map<string, { state: AmendmentState; position: number }>();
  private subscription?: Subscription;
  private applied = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly feed: LiveFeed,
  ) {}

  get appliedPosition(): number {
    return this.applied;
  }

  async start(): Promise<void> {
    this.subscription ??= this.store.subscribe({ streamPrefix: AMENDMENT_STREAM_PREFIX }, (event) => this.apply(event));
    this.subscription.closed.catch((error: unknown) => this.logger.error(`amendment feed stopped: ${String(error)}`));
    await this.subscription.caughtUp;
  }

  get(amendmentId: string): { state: AmendmentState; position: number } | undefined {
    return this.amendments.get(amendmentId);
  }

  all(): AmendmentType[] {
    return [...this.amendments.values()].map(({ state, position }) => toAmendmentView(state, position)).sort((a, b) => a.position - b.position);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private apply(recorded: RecordedEvent): void {
    const id = recorded.stream.slice(AMENDMENT_STREAM_PREFIX.length);
    const current = this.amendments.get(id)?.state ?? initialAmendmentState();
    const state = evolveAmendment(current, { type: recorded.type, data: recorded.data } as AmendmentEvent);
    this.amendments.set(id, { state, position: recorded.position });
    this.applied = recorded.position;
    this.feed.publish(AMENDMENT_STATUS_CHANGED, toAmendmentView(state, recorded.position));
  }
}
