import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ItemKind, TransactionType } from '#domain';
import { ItemKindEnum, TransactionTypeEnum } from './determination-enums.js';

/*
 * The DeterminationInput a ruling was asked for, read back field by field (ADR 029). Every field
 * of the input types is here under the same name; those a caller may leave out are nullable, and
 * so are those that rulings recorded before the field existed do not carry.
 */

@ObjectType('GivenItem', { description: 'An ItemInput as given' })
export class GivenItemType {
  @Field(() => ItemKindEnum)
  kind!: ItemKind;

  @Field({ nullable: true })
  description?: string;

  @Field({ nullable: true, description: 'As given; the ECCN classification derived is ItemResult.eccn' })
  eccn?: string;

  @Field(() => Float, { nullable: true })
  tpp?: number;

  @Field(() => Float, { nullable: true })
  performanceDensity?: number;

  @Field(() => Int, { nullable: true })
  quantity?: number;

  @Field(() => Float, { nullable: true })
  trainingOperations?: number;

  @Field({ nullable: true })
  openWeights?: boolean;

  @Field({ nullable: true })
  designedForDatacenter?: boolean;

  @Field(() => Float, { nullable: true })
  memoryBandwidth?: number;
}

@ObjectType('GivenConsignee', { description: 'A ConsigneeInput as given' })
export class GivenConsigneeType {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  name?: string;

  @Field()
  country!: string;

  @Field()
  headquarters!: string;

  @Field({ nullable: true })
  ultimateParent?: string;

  @Field({ nullable: true })
  veu?: string;

  @Field({ nullable: true })
  majorityOwnedFromD5OrMacau?: boolean;
}

@ObjectType('GivenInput', { description: 'The DeterminationInput a ruling was asked for, as given: absent fields are null' })
export class GivenInputType {
  @Field()
  destination!: string;

  @Field(() => GivenConsigneeType)
  consignee!: GivenConsigneeType;

  @Field(() => [GivenItemType])
  items!: GivenItemType[];

  @Field({ nullable: true })
  endUse?: string;

  @Field({ nullable: true })
  reference?: string;

  @Field(() => TransactionTypeEnum, { nullable: true, description: 'Null when not given (read as EXPORT)' })
  transaction?: TransactionType;
}
