import type { SealedSecret } from '../delivery/secret-box.js';

/**
 * The webhooks' events (docs/adr/021-webhooks.md). A webhook's own stream holds its creation and
 * deletion; each delivery has a stream of its attempts and outcome, appended with the stream's
 * expected revision, so two nodes can never both record an attempt's outcome. The deliveries
 * owed are not written down in advance: they are the log's events of the subscribed types after
 * the webhook's creation, in commit order (the log itself is the outbox).
 */
export const WEBHOOK_STREAM_PREFIX = 'webhook-';
export const DELIVERY_STREAM_PREFIX = 'webhook-delivery-';
export const LEASE_STREAM = 'webhook-dispatch-lease';

export const WEBHOOK_CREATED = 'WebhookCreated';
export const WEBHOOK_DELETED = 'WebhookDeleted';
export const DELIVERY_ATTEMPTED = 'WebhookDeliveryAttempted';
export const DELIVERY_DEAD_LETTERED = 'WebhookDeliveryDeadLettered';
export const REDELIVERY_REQUESTED = 'WebhookRedeliveryRequested';
export const LEASE_TAKEN = 'WebhookDispatchLeaseTaken';
export const LEASE_RELEASED = 'WebhookDispatchLeaseReleased';

export function webhookStream(webhookId: string): string {
  return `${WEBHOOK_STREAM_PREFIX}${webhookId}`;
}

export function deliveryStream(deliveryId: string): string {
  return `${DELIVERY_STREAM_PREFIX}${deliveryId}`;
}

export interface WebhookCreated {
  webhookId: string;
  url: string;
  /** Event types delivered (WEBHOOK_EVENT_TYPES). */
  events: string[];
  secret: SealedSecret;
}

export interface WebhookDeleted {
  webhookId: string;
}

export interface WebhookDeliveryAttempted {
  deliveryId: string;
  webhookId: string;
  /** 1 for the first attempt of the delivery; counts on across redeliveries. */
  attempt: number;
  attemptedAt: string;
  delivered: boolean;
  statusCode?: number;
  error?: string;
  durationMs: number;
  /** After a failure that is retried: when the next attempt falls due. */
  nextAttemptAt?: string;
}

export interface WebhookDeliveryDeadLettered {
  deliveryId: string;
  webhookId: string;
  deadLetteredAt: string;
  /** Attempts made in the window that ended. */
  attempts: number;
}

export interface WebhookRedeliveryRequested {
  deliveryId: string;
  webhookId: string;
  requestedAt: string;
}

export interface WebhookDispatchLeaseTaken {
  /** The node holding the lease (a random id per process). */
  holder: string;
  expiresAt: string;
}

export interface WebhookDispatchLeaseReleased {
  holder: string;
}

/** The events of the webhooks' own streams that the read model follows. */
export const WEBHOOK_RECORD_TYPES = [WEBHOOK_CREATED, WEBHOOK_DELETED, DELIVERY_ATTEMPTED, DELIVERY_DEAD_LETTERED, REDELIVERY_REQUESTED];
