import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE } from '#api-kit';
import { StoreUnavailableError, type EventStore } from '#event-store';
import { NodeFeed } from '../consistency/node-feed.service.js';
import { StoreLink } from '../consistency/store-link.service.js';
import { AppConfig, ReadinessRegistry } from '../platform/index.js';

/**
 * Ready = the store answers and takes writes (an embedded store whose disk is full does not), and
 * this node is within READINESS_MAX_LAG events of the store's head, in its feed and in every
 * projection. The lag comes from the node's feed (NodeFeed): one read of
 * at most READINESS_MAX_LAG + 1 events after the feed's position, however far back a projection's
 * last event lies. Store calls carry the store deadline, so an unreachable store fails the check
 * within seconds; the detail then says what the node still serves and since when it is stale.
 */
@Injectable()
export class ReadinessChecks implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly config: AppConfig,
    private readonly link: StoreLink,
    private readonly feed: NodeFeed,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.registry.register('store', async () => {
      const state = await this.link.probe();
      if (state.reachable) {
        // A store that cannot grow still serves reads: not ready, so writes go to another node.
        const writes = (await this.store.writable?.()) ?? { writable: true };
        if (writes.writable) return { ok: true, detail: { reachable: true } };
        return { ok: false, detail: { reachable: true, writable: false, reason: writes.reason, since: writes.since.toISOString() } };
      }
      return {
        ok: false,
        detail: { reachable: false, unreachableSince: state.unreachableSince?.toISOString(), lastContactAt: state.lastContactAt.toISOString() },
      };
    });
    this.registry.register('projections', async () => {
      const max = this.config.readinessMaxLag;
      try {
        const lag = await this.feed.lag(max);
        const ok = lag.feed <= max && Object.values(lag.projections).every((behind) => behind <= max);
        return { ok, detail: { maxLag: max, feed: lag.feed, ...lag.projections, appliedPosition: this.feed.appliedPosition() } };
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        this.link.failed(error);
        const local = this.feed.localState();
        return { ok: false, detail: { feed: 'unknown: the store is unreachable', stale: true, ...local } };
      }
    });
  }
}
