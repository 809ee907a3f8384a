import type { DeliveryRow, WebhookRow } from '../outbox/webhook-tables.js';
import type { WebhookDeliveryType, WebhookType } from './webhook.types.js';

const iso = (ms: number | null): string | undefined => (ms === null ? undefined : new Date(ms).toISOString());

export function toWebhook(row: WebhookRow): WebhookType {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
    deletedAt: iso(row.deleted_at),
    backlog: row.open_count,
    deadLettered: row.dead_lettered_count,
    position: row.position,
  };
}

export function toDelivery(row: DeliveryRow): WebhookDeliveryType {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    eventPosition: row.event_position,
    status: row.status,
    redelivery: row.lane === 'REDELIVERY',
    attempts: row.attempts,
    lastAttemptAt: iso(row.last_attempt_at),
    nextAttemptAt: row.open ? iso(row.next_attempt_at) : undefined,
    lastStatusCode: row.last_status_code ?? undefined,
    lastError: row.last_error ?? undefined,
    deliveredAt: iso(row.delivered_at),
    deadLetteredAt: iso(row.dead_lettered_at),
    position: row.position,
  };
}
