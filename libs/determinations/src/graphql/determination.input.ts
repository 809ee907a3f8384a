import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { ItemKind, TransactionType } from '#domain';
import { ItemKindEnum, TransactionTypeEnum } from './determination-enums.js';

const COUNTRY = /^[A-Z]{2}$/;
const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 code such as "AE"';
export const MAX_ITEMS = 1000;

@InputType('ItemInput')
export class ItemInputType {
  @Field(() => ItemKindEnum)
  @IsIn(Object.values(ItemKindEnum))
  kind!: ItemKind;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @Field({ nullable: true, description: 'If absent, classification rules derive it' })
  @IsOptional()
  @Matches(/^[0-9A-Z][0-9A-Za-z.]{1,30}$/, { message: 'eccn must look like 3A090.a or EAR99' })
  eccn?: string;

  @Field(() => Float, { nullable: true, description: 'Total processing performance, per unit' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  tpp?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  performanceDensity?: number;

  @Field(() => Int, { nullable: true, description: 'Units; 1 when absent' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  quantity?: number;

  @Field(() => Float, { nullable: true, description: 'Training operations of model weights' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  trainingOperations?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  openWeights?: boolean;

  @Field({
    nullable: true,
    description: 'Designed or marketed for use in datacenters (Note 2 to 3A090); absent is unknown, read as true and listed in assumptions',
  })
  @IsOptional()
  @IsBoolean()
  designedForDatacenter?: boolean;

  @Field(() => Float, { nullable: true, description: 'Total DRAM bandwidth, GB/s; absent is unknown, read as above any limit and listed in assumptions' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  memoryBandwidth?: number;
}

@InputType('ConsigneeInput')
export class ConsigneeInputType {
  @Field(() => ID)
  @IsString()
  @Matches(/^[\w.:@/-]{1,128}$/, { message: 'id must be 1-128 letters, digits or . : @ / - _' })
  id!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  name?: string;

  @Field()
  @Matches(COUNTRY, { message: `country ${COUNTRY_MESSAGE}` })
  country!: string;

  @Field()
  @Matches(COUNTRY, { message: `headquarters ${COUNTRY_MESSAGE}` })
  headquarters!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(COUNTRY, { message: `ultimateParent ${COUNTRY_MESSAGE}` })
  ultimateParent?: string;

  @Field({ nullable: true, description: 'Validated end-user status, e.g. UVEU or NVEU' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  veu?: string;

  @Field({
    nullable: true,
    description:
      'Majority-owned by an entity headquartered in Country Group D:5 or Macau (15 CFR 744.23(d)); absent is unknown, read as true and listed in assumptions',
  })
  @IsOptional()
  @IsBoolean()
  majorityOwnedFromD5OrMacau?: boolean;
}

@InputType('DeterminationInput')
export class DeterminationInputType {
  @Field({ description: 'ISO 3166-1 alpha-2' })
  @Matches(COUNTRY, { message: `destination ${COUNTRY_MESSAGE}` })
  destination!: string;

  @Field(() => ConsigneeInputType)
  @ValidateNested()
  @Type(() => ConsigneeInputType)
  consignee!: ConsigneeInputType;

  @Field(() => [ItemInputType])
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => ItemInputType)
  items!: ItemInputType[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  endUse?: string;

  @Field({ nullable: true, description: "The caller's own reference, e.g. an order number" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  @Field(() => TransactionTypeEnum, { nullable: true, description: 'EXPORT (from the United States) when absent; listed in assumptions when a rule read it' })
  @IsOptional()
  @IsIn(Object.values(TransactionTypeEnum))
  transaction?: TransactionType;
}
