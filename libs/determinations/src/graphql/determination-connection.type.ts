import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DateTimeScalar } from '#api-kit';
import { PageInfoType } from '#policy';
import type { Instant, Outcome } from '#domain';
import { OutcomeEnum } from './determination-enums.js';
import { DeterminationType } from './determination.type.js';
import { DETERMINATION_ORDERS, type DeterminationOrder } from '../list-determinations/determination-search.js';

export const DeterminationOrderEnum = Object.fromEntries(DETERMINATION_ORDERS.map((order) => [order, order])) as { [K in DeterminationOrder]: K };
registerEnumType(DeterminationOrderEnum, {
  name: 'DeterminationOrder',
  description: 'Issued order is the order the determinations were recorded in (commit position)',
});

@InputType('DeterminationFilter')
export class DeterminationFilterInput {
  @Field({ nullable: true, description: "The caller's reference, exactly as given (e.g. an order number)" })
  @IsOptional()
  @MaxLength(256)
  reference?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'destination must be an ISO 3166-1 alpha-2 code' })
  destination?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(128)
  consignee?: string;

  @Field(() => OutcomeEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(OutcomeEnum))
  outcome?: Outcome;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsString()
  validFrom?: Instant;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsString()
  validTo?: Instant;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsString()
  issuedFrom?: Instant;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsString()
  issuedTo?: Instant;
}

@ObjectType('DeterminationEdge')
export class DeterminationEdgeType {
  @Field()
  cursor!: string;

  @Field(() => DeterminationType)
  node!: DeterminationType;
}

@ObjectType('DeterminationConnection')
export class DeterminationConnectionType {
  @Field(() => [DeterminationEdgeType])
  edges!: DeterminationEdgeType[];

  @Field(() => [DeterminationType])
  nodes!: DeterminationType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  @Field(() => Int)
  totalCount!: number;
}
