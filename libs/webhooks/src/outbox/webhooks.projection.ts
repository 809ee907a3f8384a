import type Database from 'better-sqlite3';
import { stableId } from '#api-kit';
import type { RecordedEvent } from '#event-store';
import type { ReadModelProjection } from '../projection/read-model-projection.js';
import { DELIVERABLE_EVENT_TYPES, isDeliverable } from './deliverable-events.js';
import {
  DELIVERY_ATTEMPTED,
  DELIVERY_DEAD_LETTERED,
  LEASE_RELEASED,
  LEASE_TAKEN,
  REDELIVERY_REQUESTED,
  WEBHOOK_CREATED,
  WEBHOOK_DELETED,
  WEBHOOK_RECORD_TYPES,
  type WebhookCreated,
  type WebhookDeleted,
  type WebhookDeliveryAttempted,
  type WebhookDeliveryDeadLettered,
  type WebhookRedeliveryRequested,
} from './webhook-events.js';
import { createWebhookTables, dropWebhookTables, type DeliveryRow, type DeliveryStatus } from './webhook-tables.js';

export const WEBHOOKS_PROJECTION = 'webhooks';

/** The id of the delivery of one event to one webhook: the same on every node and every rebuild. */
export function deliveryId(webhookId: string, eventId: string): string {
  return stableId('webhook-delivery', webhookId, eventId);
}

/**
 * The webhooks read model: the webhooks, and for each the deliveries it is owed with their state.
 * A delivery row is added for every event of a subscribed type committed after the webhook was
 * created (in commit order, so it is the same on every node); attempts, dead letters and
 * redelivery requests, recorded in the delivery's own stream, move it along. This is the outbox
 * the dispatcher works from.
 */
export function webhooksProjection(onCommitted: (events: readonly RecordedEvent[]) => void = () => {}): ReadModelProjection {
  let writer: WebhookTablesWriter | undefined;
  return {
    name: WEBHOOKS_PROJECTION,
    version: 1,
    storage: 'read-model',
    // Most events it receives are determinations and draws it owes a delivery for (or nothing, with
    // no webhook): their data is never read here, so it is not parsed (a 14 KB document per ruling).
    storedText: true,
    // The lease's events change nothing here, but a new lease holder waits until this read model
    // has applied its lease event: by then it has every outcome the previous holder recorded.
    events: { eventTypes: [...WEBHOOK_RECORD_TYPES, LEASE_TAKEN, LEASE_RELEASED, ...DELIVERABLE_EVENT_TYPES] },
    prepare(db, fresh) {
      if (fresh) dropWebhookTables(db);
      createWebhookTables(db);
      writer = new WebhookTablesWriter(db);
    },
    apply(events) {
      for (const event of events) writer!.apply(event);
    },
    committed: onCommitted,
  };
}

interface Subscriber {
  id: string;
  events: ReadonlySet<string>;
  createdPosition: number;
}

class WebhookTablesWriter {
  private subscribers?: Subscriber[];
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      active: db.prepare('SELECT id, events, created_position FROM wh_webhooks WHERE deleted_at IS NULL'),
      created: db.prepare(
        `INSERT INTO wh_webhooks (id, url, events, secret, created_at, created_by, created_position, position)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ),
      deleted: db.prepare('UPDATE wh_webhooks SET deleted_at = ?, position = ? WHERE id = ? AND deleted_at IS NULL'),
      owed: db.prepare(
        `INSERT INTO wh_deliveries (id, webhook_id, event_id, event_type, event_stream, event_revision, event_position, status, lane, open,
           window_start, window_attempts, attempts, next_attempt_at, revision, position)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 'ORDERED', 1, ?, 0, 0, ?, -1, ?)`,
      ),
      counts: db.prepare('UPDATE wh_webhooks SET open_count = open_count + ?, dead_lettered_count = dead_lettered_count + ? WHERE id = ?'),
      delivery: db.prepare('SELECT open, status FROM wh_deliveries WHERE id = ?'),
      attempted: db.prepare(
        `UPDATE wh_deliveries SET status = ?, open = ?, revision = ?, position = ?, attempts = ?, window_attempts = window_attempts + 1,
           last_attempt_at = ?, last_status_code = ?, last_error = ?, next_attempt_at = ?, delivered_at = ? WHERE id = ?`,
      ),
      deadLettered: db.prepare(
        `UPDATE wh_deliveries SET status = 'DEAD_LETTERED', open = 0, revision = ?, position = ?, next_attempt_at = NULL, dead_lettered_at = ? WHERE id = ?`,
      ),
      redelivery: db.prepare(
        `UPDATE wh_deliveries SET status = 'PENDING', open = 1, revision = ?, position = ?, lane = 'REDELIVERY', window_start = ?, window_attempts = 0,
           next_attempt_at = ?, dead_lettered_at = NULL WHERE id = ?`,
      ),
    };
  }

  apply(event: RecordedEvent): void {
    if (isDeliverable(event.type)) this.owe(event);
    else if (event.type === WEBHOOK_CREATED || event.type === WEBHOOK_DELETED) this.webhookChanged(event);
    else if (event.type === DELIVERY_ATTEMPTED || event.type === DELIVERY_DEAD_LETTERED || event.type === REDELIVERY_REQUESTED) this.deliveryChanged(event);
  }

  private owe(event: RecordedEvent): void {
    const due = Date.parse(event.recordedAt);
    for (const webhook of this.active()) {
      if (!webhook.events.has(event.type) || event.position <= webhook.createdPosition) continue;
      this.statements.owed.run(
        deliveryId(webhook.id, event.id),
        webhook.id,
        event.id,
        event.type,
        event.stream,
        event.revision,
        event.position,
        due,
        due,
        event.position,
      );
      this.statements.counts.run(1, 0, webhook.id);
    }
  }

  private webhookChanged(event: RecordedEvent): void {
    const at = Date.parse(event.recordedAt);
    if (event.type === WEBHOOK_CREATED) {
      const data = event.data as WebhookCreated;
      const actor = String(event.metadata.actor ?? 'unknown');
      this.statements.created.run(
        data.webhookId,
        data.url,
        JSON.stringify(data.events),
        JSON.stringify(data.secret),
        at,
        actor,
        event.position,
        event.position,
      );
    } else {
      this.statements.deleted.run(at, event.position, (event.data as WebhookDeleted).webhookId);
    }
    this.subscribers = undefined;
  }

  private deliveryChanged(event: RecordedEvent): void {
    // Read once: with stored texts each read of `data` parses it again.
    const changed = event.data as WebhookDeliveryAttempted | WebhookDeliveryDeadLettered | WebhookRedeliveryRequested;
    const { deliveryId: id, webhookId } = changed;
    const before = this.statements.delivery.get(id) as Pick<DeliveryRow, 'open' | 'status'> | undefined;
    if (!before) return;
    let after: { status: DeliveryStatus; open: 0 | 1 };
    if (event.type === DELIVERY_ATTEMPTED) {
      const data = changed as WebhookDeliveryAttempted;
      const at = Date.parse(data.attemptedAt);
      after = data.delivered ? { status: 'DELIVERED', open: 0 } : { status: 'RETRYING', open: 1 };
      const next = data.nextAttemptAt ? Date.parse(data.nextAttemptAt) : null;
      this.statements.attempted.run(
        after.status,
        after.open,
        event.revision,
        event.position,
        data.attempt,
        at,
        data.statusCode ?? null,
        data.error ?? null,
        next,
        data.delivered ? at : null,
        id,
      );
    } else if (event.type === DELIVERY_DEAD_LETTERED) {
      after = { status: 'DEAD_LETTERED', open: 0 };
      this.statements.deadLettered.run(event.revision, event.position, Date.parse((changed as WebhookDeliveryDeadLettered).deadLetteredAt), id);
    } else {
      after = { status: 'PENDING', open: 1 };
      const at = Date.parse((changed as WebhookRedeliveryRequested).requestedAt);
      this.statements.redelivery.run(event.revision, event.position, at, at, id);
    }
    const dead = (after.status === 'DEAD_LETTERED' ? 1 : 0) - (before.status === 'DEAD_LETTERED' ? 1 : 0);
    this.statements.counts.run(after.open - before.open, dead, webhookId);
  }

  private active(): Subscriber[] {
    this.subscribers ??= (this.statements.active.all() as { id: string; events: string; created_position: number }[]).map((row) => ({
      id: row.id,
      events: new Set(JSON.parse(row.events) as string[]),
      createdPosition: row.created_position,
    }));
    return this.subscribers;
  }
}
