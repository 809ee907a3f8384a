import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE } from '#api-kit';
import { DeterminationsProjection } from '#determinations';
import type { EventStore } from '#event-store';
import { PolicyTimelines } from '#policy';
import { AppConfig, ReadinessRegistry } from '../platform/index.js';

/** Ready = the store answers and every projection is within READINESS_MAX_LAG events of its head. */
@Injectable()
export class ReadinessChecks implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: ReadinessRegistry,
    private readonly config: AppConfig,
    private readonly timelines: PolicyTimelines,
    private readonly determinations: DeterminationsProjection,
  ) {}

  onModuleInit(): void {
    this.registry.register('store', async () => {
      const [head] = await this.store.readAll({ maxCount: 1 });
      return { ok: true, detail: { reachable: true, empty: head === undefined } };
    });
    this.registry.register('projections', async () => {
      const lag = {
        policy: await this.eventsAfter('policy-', this.timelines.appliedPosition),
        determinations: await this.eventsAfter('determination-', this.determinations.appliedPosition),
      };
      return { ok: lag.policy <= this.config.readinessMaxLag && lag.determinations <= this.config.readinessMaxLag, detail: lag };
    });
  }

  /** How many events of the feed a projection has yet to apply, counted up to one past the limit. */
  private async eventsAfter(streamPrefix: string, position: number): Promise<number> {
    const pending = await this.store.readAll({ streamPrefix, fromPosition: position, maxCount: this.config.readinessMaxLag + 1 });
    return pending.length;
  }
}
