import { randomUUID } from 'node:crypto';
import { ConcurrencyError, type EventStore, type NewEvent } from '#event-store';
import { afterFailure, type RetrySchedule } from '../delivery/retry-schedule.js';
import type { SecretBox, SealedSecret } from '../delivery/secret-box.js';
import { SIGNATURE_HEADER, signatureHeader } from '../delivery/signature.js';
import type { SendOutcome, SenderOptions } from '../delivery/webhook-sender.js';
import type { DispatchLease } from './dispatch-lease.js';
import {
  DELIVERY_ATTEMPTED,
  DELIVERY_DEAD_LETTERED,
  deliveryStream,
  type WebhookDeliveryAttempted,
  type WebhookDeliveryDeadLettered,
} from './webhook-events.js';
import type { WebhookQueries } from './webhook-queries.js';
import type { DeliveryRow } from './webhook-tables.js';

export interface DispatcherSettings {
  /** Attempts in flight at once, across webhooks (each webhook has at most one per lane). */
  concurrency: number;
  timeoutMs: number;
  retry: RetrySchedule;
  allowPrivateAddresses: boolean;
  /** How often the queue is looked at when nothing wakes the dispatcher (new events do). */
  pollMs: number;
}

/** What the dispatcher needs of the read model it works from. */
export interface AppliedLog {
  /** Resolves true once the read model has applied `position`, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
}

export interface DispatcherPorts {
  store: EventStore;
  readModel: AppliedLog;
  queries: WebhookQueries;
  lease: DispatchLease;
  secrets: SecretBox;
  send: (url: string, headers: Record<string, string>, body: string, options: SenderOptions) => Promise<SendOutcome>;
  log: { warn(message: string): void; error(message: string): void };
  /** Called after every recorded attempt (metrics). */
  attempted?: (outcome: 'delivered' | 'failed' | 'dead_lettered') => void;
  now?: () => number;
  random?: () => number;
}

/** How long a recorded outcome may take to reach the read model before the dispatcher moves on without it. */
const APPLY_WAIT_MS = 30_000;

/**
 * Sends the deliveries the read model says are due, on the node holding the dispatch lease
 * (docs/adr/021-webhooks.md). Per webhook, first deliveries go one at a time in commit order (a
 * failing one holds back the later ones until it succeeds or is dead-lettered); redeliveries go
 * beside them, one at a time. Each attempt's outcome is appended to the delivery's stream at the
 * revision the read model had: a node acting on a stale view loses that race instead of recording
 * twice. Nothing here blocks the API: attempts are HTTP calls with a deadline, at most
 * `concurrency` at once, each holding one event's body.
 */
export class WebhookDispatcher {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly busyLanes = new Set<string>();
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private wakeAgain = false;
  private stopped = true;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(
    private readonly ports: DispatcherPorts,
    private readonly settings: DispatcherSettings,
  ) {
    this.now = ports.now ?? Date.now;
    this.random = ports.random ?? Math.random;
  }

  start(): void {
    this.stopped = false;
    this.schedule();
    this.wake();
  }

  /** Starts nothing new, waits for the attempts in flight (each ends within its deadline), and gives the lease up. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all(this.inFlight.values());
    await this.ports.lease.release().catch((error: unknown) => this.ports.log.warn(`webhook dispatch lease not released: ${String(error)}`));
  }

  /** Looks at the queue now (new events were applied, an attempt ended). */
  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.wakeAgain = true;
      return;
    }
    void this.tick();
  }

  get attemptsInFlight(): number {
    return this.inFlight.size;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.wake();
      if (!this.stopped) this.schedule();
    }, this.settings.pollMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    try {
      while (!this.stopped && this.inFlight.size < this.settings.concurrency) {
        const due = this.ports.queries.dueHeads(this.now()).filter((row) => !this.busyLanes.has(laneOf(row)));
        if (due.length === 0) break;
        const lease = await this.ports.lease.acquire();
        if (!lease) break;
        // Taken over: act only once the read model has every outcome the previous holder recorded.
        if (lease.taken && !(await this.ports.readModel.waitFor(lease.position, APPLY_WAIT_MS))) break;
        if (lease.taken) continue;
        for (const row of due.slice(0, this.settings.concurrency - this.inFlight.size)) this.begin(row);
      }
    } catch (error) {
      this.ports.log.warn(`webhook dispatch paused: ${String(error)}`);
    } finally {
      this.ticking = false;
      if (this.wakeAgain) {
        this.wakeAgain = false;
        this.wake();
      }
    }
  }

  private begin(row: DeliveryRow): void {
    const lane = laneOf(row);
    this.busyLanes.add(lane);
    const run = this.attempt(row)
      .catch((error: unknown) => this.ports.log.error(`webhook delivery ${row.id}: ${String(error)}`))
      .finally(() => {
        this.inFlight.delete(row.id);
        this.busyLanes.delete(lane);
        this.wake();
      });
    this.inFlight.set(row.id, run);
  }

  private async attempt(row: DeliveryRow): Promise<void> {
    const webhook = this.ports.queries.webhook(row.webhook_id)!;
    const attemptedAt = this.now();
    const outcome = await this.send(row, webhook.url, JSON.parse(webhook.secret) as SealedSecret, attemptedAt);
    const attempt = row.attempts + 1;
    const attempted: WebhookDeliveryAttempted = {
      deliveryId: row.id,
      webhookId: row.webhook_id,
      attempt,
      attemptedAt: new Date(attemptedAt).toISOString(),
      delivered: outcome.delivered,
      ...(outcome.statusCode !== undefined ? { statusCode: outcome.statusCode } : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      durationMs: outcome.durationMs,
    };
    const events: NewEvent[] = [];
    let result: 'delivered' | 'failed' | 'dead_lettered' = 'delivered';
    if (!outcome.delivered) {
      const next = afterFailure(this.settings.retry, row.window_attempts + 1, row.window_start, this.now(), this.random());
      if ('retryAt' in next) {
        attempted.nextAttemptAt = new Date(next.retryAt).toISOString();
        result = 'failed';
      } else {
        const deadLettered: WebhookDeliveryDeadLettered = {
          deliveryId: row.id,
          webhookId: row.webhook_id,
          deadLetteredAt: new Date(this.now()).toISOString(),
          attempts: row.window_attempts + 1,
        };
        events.push({ id: randomUUID(), type: DELIVERY_DEAD_LETTERED, data: deadLettered });
        result = 'dead_lettered';
      }
    }
    events.unshift({ id: randomUUID(), type: DELIVERY_ATTEMPTED, data: attempted });
    await this.record(row, events);
    this.ports.attempted?.(result);
  }

  private async send(row: DeliveryRow, url: string, sealed: SealedSecret, attemptedAt: number): Promise<SendOutcome> {
    const secret = this.ports.secrets.open(sealed, row.webhook_id);
    if (secret === undefined) {
      const error = `this node cannot open the webhook's secret (sealed under key ${sealed.keyId}, this node's key is ${this.ports.secrets.keyId}): give every node the same WEBHOOK_SECRETS_KEY`;
      return { delivered: false, error, durationMs: 0 };
    }
    const [event] = await this.ports.store.readStream(row.event_stream, { fromRevision: row.event_revision, maxCount: 1 });
    if (!event || event.id !== row.event_id) return { delivered: false, error: `event ${row.event_id} is not in the store`, durationMs: 0 };
    const body = JSON.stringify({
      id: row.id,
      webhookId: row.webhook_id,
      type: event.type,
      position: event.position,
      recordedAt: event.recordedAt,
      stream: event.stream,
      eventId: event.id,
      data: event.data,
    });
    const headers = {
      'user-agent': 'policy-ledger-webhooks',
      'policy-ledger-delivery': row.id,
      'policy-ledger-event': event.type,
      'policy-ledger-attempt': String(row.attempts + 1),
      [SIGNATURE_HEADER]: signatureHeader(secret, body, Math.floor(attemptedAt / 1000)),
    };
    return this.ports.send(url, headers, body, { timeoutMs: this.settings.timeoutMs, allowPrivateAddresses: this.settings.allowPrivateAddresses });
  }

  /** Appends the outcome at the revision the read model had, then waits until the read model shows it. */
  private async record(row: DeliveryRow, events: NewEvent[]): Promise<void> {
    const stream = deliveryStream(row.id);
    try {
      const appended = await this.ports.store.append(stream, events, row.revision === -1 ? 'no_stream' : row.revision);
      await this.ports.readModel.waitFor(appended.position, APPLY_WAIT_MS);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      // Another node recorded an outcome first (it held the lease before this node knew).
      this.ports.log.warn(`webhook delivery ${row.id}: another node recorded attempt ${row.attempts + 1} first; this node's is dropped`);
      const [last] = await this.ports.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      if (last) await this.ports.readModel.waitFor(last.position, APPLY_WAIT_MS);
    }
  }
}

function laneOf(row: DeliveryRow): string {
  return `${row.webhook_id}:${row.lane}`;
}
