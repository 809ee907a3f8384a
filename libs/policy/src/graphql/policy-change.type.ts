import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar, JsonScalar, PositionField } from '#api-kit';
import { PolicySourceType } from './policy-source.type.js';

@ObjectType('PolicyChange', { description: 'One recorded policy event: a change with its effective date and legal source' })
export class PolicyChangeType {
  @Field(() => ID)
  changeId!: string;

  @Field(() => ID)
  policyId!: string;

  @Field({ description: 'The event type, e.g. CountryTierReassigned' })
  type!: string;

  @Field(() => DateTimeScalar)
  effectiveAt!: string;

  @Field(() => DateTimeScalar)
  recordedAt!: string;

  @PositionField('Global position of the event in the store')
  position!: number;

  @Field(() => ID)
  amendmentId!: string;

  @Field(() => PolicySourceType)
  source!: PolicySourceType;

  @Field()
  rationale!: string;

  @Field({ nullable: true, description: 'UNCONFIRMED where the fact rests on a weak or reconstructed source' })
  confidence?: string;

  @Field({ nullable: true })
  note?: string;

  @Field(() => JsonScalar, {
    description: 'The change itself: country and tier, parameter and value, rule...',
    deprecationReason: 'Use changeDetails: the same details, typed by the kind of change',
  })
  details!: unknown;
}

@ObjectType('PolicyChangeEdge')
export class PolicyChangeEdgeType {
  @Field()
  cursor!: string;

  @Field(() => PolicyChangeType)
  node!: PolicyChangeType;
}

@ObjectType('PageInfo')
export class PageInfoType {
  @Field()
  hasNextPage!: boolean;

  @Field({ nullable: true })
  endCursor?: string;
}

@ObjectType('PolicyChangeConnection')
export class PolicyChangeConnectionType {
  @Field(() => [PolicyChangeEdgeType])
  edges!: PolicyChangeEdgeType[];

  @Field(() => [PolicyChangeType])
  nodes!: PolicyChangeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  @Field(() => Int)
  totalCount!: number;
}
