import { Injectable } from '@nestjs/common';
import { DomainError, PolicyTimeline } from '#domain';
import type { RecordedEvent } from '#event-store';
import { LiveFeed } from '#api-kit';
import type { MemoryProjection } from '#projections';
import { POLICY_STREAM_PREFIX, policyIdOf, toRecordedPolicyEvent } from './policy-streams.js';

export const POLICY_CHANGED = 'policyChanged';

/**
 * The in-memory policy timelines, one per policy stream (ARCHITECTURE.md "Policy timeline"):
 * a projection the node's processor folds from the start of the log, then keeps current.
 */
@Injectable()
export class PolicyTimelines {
  private readonly timelines = new Map<string, PolicyTimeline>();
  private readonly waiting = new Set<{ position: number; wake: () => void }>();
  private applied = 0;

  readonly projection: MemoryProjection = {
    name: 'policy',
    events: { streamPrefix: POLICY_STREAM_PREFIX },
    storage: 'memory',
    apply: (events) => {
      for (const event of events) this.apply(event);
    },
  };

  constructor(private readonly feed: LiveFeed) {}

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
