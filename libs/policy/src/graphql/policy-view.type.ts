import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar, JsonScalar } from '#api-kit';
import type { RuleCap } from '#domain';
import { EnforcementStatusEnum, LegalStatusEnum, ReviewPolicyEnum, RuleKindEnum } from './policy-enums.js';
import { PolicySourceType } from './policy-source.type.js';
import { PolicyVersionType } from './policy-version.type.js';

@ObjectType('CountryClassification')
export class CountryClassificationType {
  @Field()
  country!: string;

  @Field(() => Int, { nullable: true, description: '1, 2 or 3; null before a tier system is in force' })
  tier!: number | null;

  @Field(() => [String])
  groups!: string[];
}

@ObjectType('PolicyParameter')
export class PolicyParameterType {
  @Field()
  name!: string;

  @Field(() => Float)
  value!: number;

  @Field()
  unit!: string;

  @Field(() => DateTimeScalar)
  effectiveAt!: string;

  @Field(() => PolicySourceType)
  source!: PolicySourceType;
}

@ObjectType('RuleCondition', { description: 'Something the exporter must do to rely on an exception' })
export class RuleConditionType {
  @Field()
  code!: string;

  @Field()
  description!: string;

  @Field({ nullable: true })
  citation?: string;
}

@ObjectType('PolicyRule')
export class PolicyRuleType {
  @Field(() => ID)
  id!: string;

  @Field()
  regime!: string;

  @Field(() => RuleKindEnum)
  kind!: string;

  @Field({ description: 'CEL condition over the determination facts' })
  condition!: string;

  @Field()
  citation!: string;

  @Field()
  explanation!: string;

  @Field(() => DateTimeScalar)
  effectiveAt!: string;

  @Field({ nullable: true })
  eccn?: string;

  @Field(() => ReviewPolicyEnum, { nullable: true })
  reviewPolicy?: string;

  @Field({ nullable: true })
  code?: string;

  @Field(() => [String], { nullable: true })
  covers?: string[];

  @Field(() => JsonScalar, { nullable: true, deprecationReason: 'Use ledgerCap: the same cap, typed' })
  cap?: RuleCap;

  @Field(() => [RuleConditionType], { nullable: true })
  conditions?: RuleConditionType[];

  @Field(() => PolicySourceType)
  source!: PolicySourceType;
}

@ObjectType('Regime')
export class RegimeType {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => LegalStatusEnum)
  legalStatus!: string;

  @Field(() => EnforcementStatusEnum)
  enforcementStatus!: string;

  @Field(() => DateTimeScalar)
  legalSince!: string;

  @Field(() => DateTimeScalar)
  enforcementSince!: string;

  @Field(() => PolicySourceType)
  enforcementSource!: PolicySourceType;
}

@ObjectType('PolicyView')
export class PolicyViewType {
  @Field(() => ID)
  policyId!: string;

  @Field(() => PolicyVersionType)
  version!: PolicyVersionType;

  @Field(() => [CountryClassificationType])
  countries!: CountryClassificationType[];

  @Field(() => [PolicyParameterType])
  parameters!: PolicyParameterType[];

  @Field(() => [PolicyRuleType])
  rules!: PolicyRuleType[];

  @Field(() => [RegimeType])
  regimes!: RegimeType[];

  @Field({ description: 'The exact canonical JSON document whose SHA-256 (hex) is version.stateHash, so anyone can recompute it' })
  canonicalState!: string;
}
