import { Field, Float, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DateTimeScalar } from '#api-kit';
import { POLICY_CHANGE_TYPES, type Confidence, type PolicyChangeType, type ReviewPolicy, type RuleKind } from '#domain';
import { ReviewPolicyEnum, RuleKindEnum } from '../../graphql/policy-enums.js';

export const ChangeTypeEnum = Object.fromEntries(POLICY_CHANGE_TYPES.map((t) => [t, t])) as { [K in PolicyChangeType]: K };
registerEnumType(ChangeTypeEnum, { name: 'ChangeType' });

@InputType('SourceInput')
export class SourceInput {
  @Field()
  @IsString()
  @MaxLength(2000)
  citation!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @Field(() => DateTimeScalar)
  @IsString()
  publishedAt!: string;
}

@InputType('RuleCapInput')
export class RuleCapInput {
  @Field()
  @IsString()
  @MaxLength(100)
  ledger!: string;

  @Field()
  @IsString()
  @MaxLength(200)
  parameter!: string;

  @Field(() => String, { description: 'totalTpp or quantity' })
  @IsIn(['totalTpp', 'quantity'])
  measure!: 'totalTpp' | 'quantity';
}

@InputType('RuleConditionInput', { description: 'Something the exporter must do to rely on the exception' })
export class RuleConditionInput {
  @Field({ description: 'Upper-case words joined by _, e.g. PRIOR_NOTIFICATION' })
  @IsString()
  @MaxLength(60)
  code!: string;

  @Field()
  @IsString()
  @MaxLength(2000)
  description!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  citation?: string;
}

@InputType('RuleInput')
export class RuleInput {
  @Field()
  @IsString()
  @MaxLength(200)
  id!: string;

  @Field()
  @IsString()
  @MaxLength(100)
  regime!: string;

  @Field(() => RuleKindEnum)
  @IsIn(Object.values(RuleKindEnum))
  kind!: RuleKind;

  @Field({ description: 'CEL condition over the determination facts' })
  @IsString()
  @MaxLength(10_000)
  condition!: string;

  @Field()
  @IsString()
  @MaxLength(2000)
  citation!: string;

  @Field()
  @IsString()
  @MaxLength(10_000)
  explanation!: string;

  @Field(() => ReviewPolicyEnum, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ReviewPolicyEnum))
  reviewPolicy?: ReviewPolicy;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  covers?: string[];

  @Field(() => RuleCapInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleCapInput)
  cap?: RuleCapInput;

  @Field(() => [RuleConditionInput], { nullable: true, description: 'Of an exception: what the exporter must do to rely on it' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RuleConditionInput)
  conditions?: RuleConditionInput[];

  @Field({ nullable: true, description: 'The ECCN a classification rule assigns' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  eccn?: string;

  @Field({ nullable: true, description: 'The code of an exception, e.g. LPP' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  code?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  priority?: number;
}

@InputType('ChangeInput', { description: 'One change; the fields its type needs, as in the policies/ YAML files' })
export class ChangeInput {
  @Field(() => ChangeTypeEnum)
  @IsIn(POLICY_CHANGE_TYPES)
  type!: PolicyChangeType;

  @Field(() => DateTimeScalar)
  @IsString()
  effectiveAt!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  country?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  tier?: 1 | 2 | 3;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  groups?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  parameter?: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  unit?: string;

  @Field(() => RuleInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleInput)
  rule?: RuleInput;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ruleId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  regime?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  changeId?: string;

  @Field(() => SourceInput, { nullable: true, description: "Overrides the amendment's source for this change" })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceInput)
  source?: SourceInput;

  @Field(() => String, { nullable: true, description: 'CONFIRMED or UNCONFIRMED' })
  @IsOptional()
  @IsIn(['CONFIRMED', 'UNCONFIRMED'])
  confidence?: Confidence;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

@InputType('DraftAmendmentInput')
export class DraftAmendmentInput {
  @Field({ nullable: true, description: 'Defaults to ai-export-controls' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  policyId?: string;

  @Field()
  @IsString()
  @MaxLength(500)
  title!: string;

  @Field()
  @IsString()
  @MaxLength(10_000)
  rationale!: string;

  @Field(() => SourceInput)
  @ValidateNested()
  @Type(() => SourceInput)
  source!: SourceInput;

  @Field(() => [ChangeInput])
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ChangeInput)
  changes!: ChangeInput[];
}
