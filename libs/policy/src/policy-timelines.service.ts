import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DomainError, PolicyTimeline } from '#domain';
import type { EventStore, RecordedEvent, Subscription } from '#event-store';
import { EVENT_STORE, LiveFeed } from '#api-kit';
import { POLICY_STREAM_PREFIX, policyIdOf, toRecordedPolicyEvent } from './policy-streams.js';

export const POLICY_CHANGED = 'policyChanged';

/**
 * The in-memory policy timelines, one per policy stream: folded from the store's feed at start,
 * then kept current by the same catch-up subscription (ARCHITECTURE.md "Policy timeline").
 */
@Injectable()
export class PolicyTimelines implements BeforeApplicationShutdown {
  private readonly logger = new Logger(PolicyTimelines.name);
  private readonly timelines = new Map<string, PolicyTimeline>();
  private readonly waiting = new Set<{ position: number; wake: () => void }>();
  private subscription?: Subscription;
  private applied = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly feed: LiveFeed,
  ) {}

  /** Starts following the store and resolves once every policy event stored so far is folded in. */
  async start(): Promise<void> {
    this.subscription ??= this.store.subscribe({ streamPrefix: POLICY_STREAM_PREFIX }, (event) => this.apply(event));
    this.subscription.closed.catch((error: unknown) => this.logger.error(`policy feed stopped: ${String(error)}`));
    await this.subscription.caughtUp;
    this.logger.log(`policy timelines ready at position ${this.applied} (${[...this.timelines.keys()].join(', ') || 'no policies'})`);
  }

  get appliedPosition(): number {
    return this.applied;
  }

  policyIds(): string[] {
    return [...this.timelines.keys()].sort();
  }

  has(policyId: string): boolean {
    return this.timelines.has(policyId);
  }

  timeline(policyId: string): PolicyTimeline {
    const timeline = this.timelines.get(policyId);
    if (!timeline) throw new DomainError('NOT_FOUND', `No policy '${policyId}'.`, { policyId });
    return timeline;
  }

  /** Resolves once the policy event at `position` (or a later one) has been applied. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.applied >= position) return true;
    return new Promise((resolve) => {
      const waiter = { position, wake: () => resolve(true) };
      const timer = setTimeout(() => {
        this.waiting.delete(waiter);
        resolve(false);
      }, timeoutMs);
      waiter.wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiting.add(waiter);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private apply(recorded: RecordedEvent): void {
    const policyId = policyIdOf(recorded.stream);
    let timeline = this.timelines.get(policyId);
    if (!timeline) {
      timeline = new PolicyTimeline(policyId);
      this.timelines.set(policyId, timeline);
    }
    const event = toRecordedPolicyEvent(recorded);
    timeline.append([event]);
    this.applied = recorded.position;
    for (const waiter of this.waiting) {
      if (waiter.position <= this.applied) {
        this.waiting.delete(waiter);
        waiter.wake();
      }
    }
    this.feed.publish(POLICY_CHANGED, { policyId, recorded: event });
  }
}
