import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE } from '#api-kit';
import { READ_MODEL_DATABASE } from '#determinations';
import type { EventStore } from '#event-store';
import { SecretBox } from '../delivery/secret-box.js';
import { sendDelivery } from '../delivery/webhook-sender.js';
import { DispatchLease } from '../outbox/dispatch-lease.js';
import { WebhookDispatcher } from '../outbox/webhook-dispatcher.js';
import { WEBHOOK_CREATED } from '../outbox/webhook-events.js';
import { WebhookQueries } from '../outbox/webhook-queries.js';
import { webhooksProjection } from '../outbox/webhooks.projection.js';
import { ReadModelRunner } from '../projection/read-model-projection.js';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings.js';

/** How often the delivering node looks at its queue when no new event wakes it (retries fall due). */
const POLL_MS = 250;

/**
 * This node's part of the webhooks: the read model (kept on every node, for the queries and so any
 * node can take over delivery), and the dispatcher, which delivers while this node holds the lease.
 */
@Injectable()
export class WebhookOutbox implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private runner?: ReadModelRunner;
  private dispatcher?: WebhookDispatcher;
  private started?: { queries: WebhookQueries; secrets: SecretBox };
  /** Called after each recorded attempt (the API counts them in /metrics). */
  onAttempt?: (outcome: 'delivered' | 'failed' | 'dead_lettered') => void;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly db: Database.Database,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  /**
   * Catches the read model up, then starts delivering. `head`: where the store's log ends; a fresh
   * read model skips everything before the first webhook was created (nothing there is owed).
   */
  async start(head: () => Promise<number>): Promise<void> {
    const secrets = SecretBox.load(this.settings.secretsKey, this.settings.dataDir);
    this.runner = new ReadModelRunner(
      this.store,
      webhooksProjection(() => this.dispatcher?.wake()),
      this.db,
      (message) => this.logger.error(message),
    );
    await this.runner.start(async (checkpoint) => {
      if (checkpoint !== undefined) return checkpoint;
      // The head first: a webhook created after it is found by the read that follows.
      const end = await head();
      const [first] = await this.store.readAll({ eventTypes: [WEBHOOK_CREATED], maxCount: 1 });
      return first ? first.position - 1 : end || undefined;
    });
    const queries = new WebhookQueries(this.db);
    this.started = { queries, secrets };
    const { settings } = this;
    this.dispatcher = new WebhookDispatcher(
      {
        store: this.store,
        readModel: this.runner,
        queries,
        lease: new DispatchLease(this.store, randomUUID(), settings.leaseMs),
        secrets,
        send: sendDelivery,
        log: this.logger,
        attempted: (outcome) => this.onAttempt?.(outcome),
      },
      {
        concurrency: settings.concurrency,
        timeoutMs: settings.timeoutMs,
        retry: settings.retry,
        allowPrivateAddresses: settings.allowPrivateAddresses,
        pollMs: POLL_MS,
      },
    );
    this.dispatcher.start();
    this.logger.log(`webhooks ready: ${queries.activeCount()} active, secrets sealed under key ${secrets.keyId}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher?.stop();
    await this.runner?.stop();
  }

  get appliedPosition(): number {
    return this.runner?.appliedPosition ?? 0;
  }

  /** The read model's queries and the node's secret box, once started. */
  get parts(): { queries: WebhookQueries; secrets: SecretBox } {
    if (!this.started) throw new Error('the webhooks read model has not started yet');
    return this.started;
  }

  /** Per live webhook, for /metrics: deliveries not made yet, and dead-lettered ones. Empty before start. */
  backlog(): { webhookId: string; open: number; deadLettered: number }[] {
    return this.started?.queries.backlog() ?? [];
  }
}
