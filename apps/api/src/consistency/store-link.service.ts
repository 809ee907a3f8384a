import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE } from '#api-kit';
import { StoreUnavailableError, type EventStore } from '#event-store';
import { AppConfig } from '../platform/index.js';
import { storeHead } from './store-head.js';

/** How often a node with a networked store checks that the store answers. */
const PROBE_INTERVAL_MS = 1000;

export interface StoreLinkState {
  reachable: boolean;
  /** When the store last answered this node (a probe, a read or a write). */
  lastContactAt: Date;
  /** Since when the store has not answered (set while unreachable). */
  unreachableSince?: Date;
}

/**
 * Whether this node can reach the event store, and since when it cannot: a probe every second
 * (a one-event read of the log's head, within the store deadline) for EventStoreDB, and every
 * answer that reports STORE_UNAVAILABLE (stale-responses.ts). The embedded stores live in the process: never
 * "unreachable" (readiness still reads them). While unreachable, queries still answer from this
 * node's state, marked stale.
 */
@Injectable()
export class StoreLink implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(StoreLink.name);
  private state: StoreLinkState = { reachable: true, lastContactAt: new Date() };
  private timer?: NodeJS.Timeout;
  private probing?: Promise<StoreLinkState>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.eventStore !== 'eventstoredb') return;
    this.timer = setInterval(() => void this.probe(), PROBE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  current(): StoreLinkState {
    return { ...this.state };
  }

  /**
   * Asks the store now (one probe at a time); resolves with the state it leaves. An embedded store
   * is read once: an error there is not an outage but a fault, and rejects.
   */
  async probe(): Promise<StoreLinkState> {
    if (this.config.eventStore !== 'eventstoredb') {
      await this.store.readAll({ maxCount: 1 });
      return this.current();
    }
    this.probing ??= storeHead(this.store)
      .then(
        () => this.answered(),
        (error: unknown) => {
          if (error instanceof StoreUnavailableError) this.failed(error);
          else this.logger.error(`store probe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        },
      )
      .then(() => this.current())
      .finally(() => (this.probing = undefined));
    return await this.probing;
  }

  answered(): void {
    if (!this.state.reachable) this.logger.log(`the event store answers again (unreachable since ${this.state.unreachableSince?.toISOString()})`);
    this.state = { reachable: true, lastContactAt: new Date() };
  }

  /** Marks the store unreachable, from a StoreUnavailableError or an answer that reported one. */
  failed(error: { message: string; cause?: unknown }): void {
    if (!this.state.reachable) return;
    this.logger.warn(`the event store is unreachable: ${error.message} (${String((error.cause as Error | undefined)?.message ?? '')})`);
    this.state = { reachable: false, lastContactAt: this.state.lastContactAt, unreachableSince: new Date() };
  }
}
