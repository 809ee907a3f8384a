import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength, MinLength } from 'class-validator';
import { DateTimeScalar } from '#api-kit';
import { PageInfoType } from '#policy';
import { MAX_URL_LENGTH } from '../delivery/outbound-address.js';
import { DELIVERABLE_EVENT_TYPES } from '../outbox/deliverable-events.js';
import type { DeliveryStatus } from '../outbox/webhook-tables.js';

export const DeliveryStatusEnum = {
  PENDING: 'PENDING',
  RETRYING: 'RETRYING',
  DELIVERED: 'DELIVERED',
  DEAD_LETTERED: 'DEAD_LETTERED',
} as const satisfies Record<DeliveryStatus, DeliveryStatus>;
registerEnumType(DeliveryStatusEnum, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: not attempted yet (or asked for again); RETRYING: failed, retried later; DEAD_LETTERED: given up after 24 h of retries',
});

@InputType('CreateWebhookInput')
export class CreateWebhookInput {
  @Field({ description: 'Where deliveries are POSTed: an http(s) URL without credentials' })
  @IsString()
  @MaxLength(MAX_URL_LENGTH)
  url!: string;

  @Field(() => [String], { description: `Event types to deliver: ${DELIVERABLE_EVENT_TYPES.join(', ')}` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DELIVERABLE_EVENT_TYPES.length)
  @IsString({ each: true })
  events!: string[];

  @Field({ description: 'Signs every delivery (Policy-Ledger-Signature); stored sealed, never shown again' })
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret!: string;
}

@ObjectType('Webhook')
export class WebhookType {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field(() => [String])
  events!: string[];

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field()
  createdBy!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  deletedAt?: string;

  @Field(() => Float, { description: 'Deliveries not made yet: pending or being retried' })
  backlog!: number;

  @Field(() => Float, { description: 'Deliveries given up on (see webhookDeliveries with status DEAD_LETTERED; redeliver sends one again)' })
  deadLettered!: number;

  @Field(() => Float, { description: 'Commit position of the last change to the webhook (for read-your-writes)' })
  position!: number;
}

@ObjectType('WebhookDelivery')
export class WebhookDeliveryType {
  @Field(() => ID, { description: 'The same in every attempt (the body\'s "id"): deduplicate by it' })
  id!: string;

  @Field(() => ID)
  webhookId!: string;

  @Field(() => ID)
  eventId!: string;

  @Field()
  eventType!: string;

  @Field(() => Float)
  eventPosition!: number;

  @Field(() => DeliveryStatusEnum)
  status!: DeliveryStatus;

  @Field({ description: 'Asked for again with redeliver: sent beside the in-order deliveries, not among them' })
  redelivery!: boolean;

  @Field(() => Int)
  attempts!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  lastAttemptAt?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  nextAttemptAt?: string;

  @Field(() => Int, { nullable: true })
  lastStatusCode?: number;

  @Field({ nullable: true, description: "Why the last attempt failed: the receiver's status and the start of its answer, or the connection error" })
  lastError?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  deliveredAt?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  deadLetteredAt?: string;

  @Field(() => Float, { description: 'Commit position of the last change to the delivery (for read-your-writes)' })
  position!: number;
}

@ObjectType('WebhookDeliveryConnection')
export class WebhookDeliveryConnectionType {
  @Field(() => [WebhookDeliveryType], { description: 'Newest first' })
  nodes!: WebhookDeliveryType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  @Field(() => Float)
  totalCount!: number;
}
