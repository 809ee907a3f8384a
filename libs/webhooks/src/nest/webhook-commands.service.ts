import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, eventMetadata } from '#api-kit';
import { DomainError, InvalidInputError, type Actor } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { urlProblem } from '../delivery/outbound-address.js';
import type { CreateWebhookInput, WebhookDeliveryType, WebhookType } from '../graphql/webhook.types.js';
import { toDelivery } from '../graphql/webhook-views.js';
import { DELIVERABLE_EVENT_TYPES, isDeliverable } from '../outbox/deliverable-events.js';
import {
  deliveryStream,
  REDELIVERY_REQUESTED,
  WEBHOOK_CREATED,
  WEBHOOK_DELETED,
  webhookStream,
  type WebhookCreated,
  type WebhookDeleted,
  type WebhookRedeliveryRequested,
} from '../outbox/webhook-events.js';
import { WebhookOutbox } from './webhook-outbox.service.js';

/** Live webhooks at most: each costs a delivery row per subscribed event and a lane of the dispatcher. */
export const MAX_WEBHOOKS = 50;

/** createWebhook, deleteWebhook and redeliver: each validates, then appends one event with the stream's expected revision. */
@Injectable()
export class WebhookCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly outbox: WebhookOutbox,
  ) {}

  async create(input: CreateWebhookInput, actor: Actor): Promise<WebhookType> {
    const problem = urlProblem(input.url);
    if (problem) throw new InvalidInputError(`url: ${problem}`, 'input.url');
    input.events.forEach((type, i) => {
      if (!isDeliverable(type))
        throw new InvalidInputError(
          `events: '${type}' is not an event type a webhook can receive (${DELIVERABLE_EVENT_TYPES.join(', ')})`,
          `input.events.${i}`,
        );
      if (input.events.indexOf(type) !== i) throw new InvalidInputError(`events: '${type}' is listed twice`, `input.events.${i}`);
    });
    const { queries, secrets } = this.outbox.parts;
    if (queries.activeCount() >= MAX_WEBHOOKS)
      throw new DomainError('QUOTA_EXCEEDED', `at most ${MAX_WEBHOOKS} webhooks may be live at once: delete one first`, { limit: MAX_WEBHOOKS });
    const webhookId = randomUUID();
    const created: WebhookCreated = { webhookId, url: input.url, events: input.events, secret: secrets.seal(input.secret, webhookId) };
    const commandId = randomUUID();
    await this.store.append(
      webhookStream(webhookId),
      [{ id: commandId, type: WEBHOOK_CREATED, data: created, metadata: eventMetadata(actor, { commandId }) }],
      'no_stream',
    );
    return webhookOf(await this.store.readStream(webhookStream(webhookId)), { backlog: 0, deadLettered: 0 });
  }

  async delete(id: string, actor: Actor): Promise<WebhookType> {
    const events = await this.store.readStream(webhookStream(id));
    if (events[0]?.type !== WEBHOOK_CREATED) throw new DomainError('NOT_FOUND', `no webhook ${id}`, { id });
    const counts = this.counts(id);
    if (events.at(-1)!.type === WEBHOOK_DELETED) return webhookOf(events, counts);
    const commandId = randomUUID();
    const deleted: WebhookDeleted = { webhookId: id };
    await this.store.append(
      webhookStream(id),
      [{ id: commandId, type: WEBHOOK_DELETED, data: deleted, metadata: eventMetadata(actor, { commandId }) }],
      events.at(-1)!.revision,
    );
    return webhookOf(await this.store.readStream(webhookStream(id)), counts);
  }

  /** Queues a finished delivery (delivered or dead-lettered) again, with a new 24 h window of retries. */
  async redeliver(deliveryId: string, actor: Actor, now: string): Promise<WebhookDeliveryType> {
    const { queries } = this.outbox.parts;
    const row = queries.delivery(deliveryId);
    if (!row) throw new DomainError('NOT_FOUND', `no webhook delivery ${deliveryId}`, { deliveryId });
    if (row.open)
      throw new DomainError('CONFLICT', `delivery ${deliveryId} is ${row.status.toLowerCase()} already: it will be attempted again`, {
        reason: 'DELIVERY_OPEN',
        status: row.status,
      });
    if (queries.webhook(row.webhook_id)?.deleted_at !== null)
      throw new DomainError('CONFLICT', `webhook ${row.webhook_id} is deleted`, { reason: 'WEBHOOK_DELETED' });
    const commandId = randomUUID();
    const requested: WebhookRedeliveryRequested = { deliveryId, webhookId: row.webhook_id, requestedAt: now };
    const appended = await this.store.append(
      deliveryStream(deliveryId),
      [{ id: commandId, type: REDELIVERY_REQUESTED, data: requested, metadata: eventMetadata(actor, { commandId }) }],
      row.revision,
    );
    const at = Date.parse(now);
    return toDelivery({
      ...row,
      status: 'PENDING',
      lane: 'REDELIVERY',
      open: 1,
      window_start: at,
      window_attempts: 0,
      next_attempt_at: at,
      dead_lettered_at: null,
      revision: appended.nextRevision,
      position: appended.position,
    });
  }

  private counts(id: string): { backlog: number; deadLettered: number } {
    const row = this.outbox.parts.queries.webhook(id);
    return { backlog: row?.open_count ?? 0, deadLettered: row?.dead_lettered_count ?? 0 };
  }
}

function webhookOf(events: RecordedEvent[], counts: { backlog: number; deadLettered: number }): WebhookType {
  const created = events[0]!;
  const data = created.data as WebhookCreated;
  const deleted = events.find((event) => event.type === WEBHOOK_DELETED);
  return {
    id: data.webhookId,
    url: data.url,
    events: data.events,
    createdAt: created.recordedAt,
    createdBy: String(created.metadata.actor ?? 'unknown'),
    deletedAt: deleted?.recordedAt,
    ...counts,
    position: events.at(-1)!.position,
  };
}
