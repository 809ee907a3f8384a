import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Clock, ConsistentWith, CurrentActor, Roles } from '#api-kit';
import { DomainError, InvalidInputError, type Actor } from '#domain';
import { WebhookCommands } from '../nest/webhook-commands.service.js';
import { WebhookOutbox } from '../nest/webhook-outbox.service.js';
import type { DeliveryStatus } from '../outbox/webhook-tables.js';
import { toDelivery, toWebhook } from './webhook-views.js';
import { CreateWebhookInput, DeliveryStatusEnum, WebhookDeliveryConnectionType, WebhookDeliveryType, WebhookType } from './webhook.types.js';

const MAX_PAGE_SIZE = 500;

/** Webhooks over GraphQL (admin only): they reveal every ruling to the receiver, so only an admin may point one somewhere. */
@Resolver(() => WebhookType)
export class WebhooksResolver {
  constructor(
    private readonly commands: WebhookCommands,
    private readonly outbox: WebhookOutbox,
    private readonly clock: Clock,
  ) {}

  @Query(() => [WebhookType], { description: 'The webhooks, oldest first, with their backlog' })
  @Roles('admin')
  webhooks(
    @Args('includeDeleted', { nullable: true, defaultValue: false }) includeDeleted: boolean,
    @ConsistentWith() _consistentWith?: number,
  ): WebhookType[] {
    return this.outbox.parts.queries
      .webhooks()
      .filter((row) => includeDeleted || row.deleted_at === null)
      .map(toWebhook);
  }

  @Query(() => WebhookDeliveryConnectionType, { description: "A webhook's deliveries, newest first; `after` is the previous page's endCursor" })
  @Roles('admin')
  webhookDeliveries(
    @Args('id', { type: () => ID, description: 'The webhook' }) id: string,
    @Args('status', { type: () => DeliveryStatusEnum, nullable: true }) status?: DeliveryStatus,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
    @ConsistentWith() _consistentWith?: number,
  ): WebhookDeliveryConnectionType {
    const size = first ?? 50;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new InvalidInputError(`first: must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
    const before = after === undefined ? undefined : Number(after);
    if (before !== undefined && !Number.isSafeInteger(before)) throw new InvalidInputError(`after: '${after}' is not a cursor of this listing`, 'after');
    const { queries } = this.outbox.parts;
    if (!queries.webhook(id)) throw new DomainError('NOT_FOUND', `no webhook ${id}`, { id });
    const page = queries.deliveries(id, { status, first: size, before });
    const nodes = page.rows.map(toDelivery);
    return {
      nodes,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: nodes.length ? String(nodes.at(-1)!.eventPosition) : undefined },
    };
  }

  @Mutation(() => WebhookType, { description: 'Delivers every later event of the given types to url, signed with secret (Policy-Ledger-Signature)' })
  @Roles('admin')
  createWebhook(@Args('input', { type: () => CreateWebhookInput }) input: CreateWebhookInput, @CurrentActor() actor: Actor): Promise<WebhookType> {
    return this.commands.create(input, actor);
  }

  @Mutation(() => WebhookType, { description: 'Stops deliveries to the webhook (those not made yet are not made); its history stays' })
  @Roles('admin')
  deleteWebhook(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<WebhookType> {
    return this.commands.delete(id, actor);
  }

  @Mutation(() => WebhookDeliveryType, { description: 'Sends a delivered or dead-lettered delivery again, with a new 24 h of retries' })
  @Roles('admin')
  redeliver(@Args('deliveryId', { type: () => ID }) deliveryId: string, @CurrentActor() actor: Actor): Promise<WebhookDeliveryType> {
    return this.commands.redeliver(deliveryId, actor, this.clock.now());
  }
}
