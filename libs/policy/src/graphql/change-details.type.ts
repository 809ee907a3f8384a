import { createUnionType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { PolicyEventType, RuleKind } from '#domain';
import { ReviewPolicyEnum, RuleKindEnum } from './policy-enums.js';
import { RuleConditionType } from './policy-view.type.js';
import { RuleCapType } from './rule-cap.type.js';

/*
 * What a recorded policy change changed (PolicyChange.details), typed by the kind of change
 * (ADR 029). A union, not an interface: the kinds share no field; PolicyChange.type names the
 * event, and regime status changes share one member since each carries the regime alone.
 */

@ObjectType('TierAssignment', { description: 'CountryTierReassigned: the tier a country is assigned' })
export class TierAssignmentType {
  @Field()
  country!: string;

  @Field(() => Int)
  tier!: number;
}

@ObjectType('CountryGroupsAssignment', { description: 'CountryGroupsChanged: the country groups a country is in from now on' })
export class CountryGroupsAssignmentType {
  @Field()
  country!: string;

  @Field(() => [String])
  groups!: string[];
}

@ObjectType('ParameterSetting', { description: 'ThresholdChanged: the value a parameter takes' })
export class ParameterSettingType {
  @Field()
  parameter!: string;

  @Field(() => Float)
  value!: number;

  @Field()
  unit!: string;
}

@ObjectType('RuleDefinition', { description: 'A rule as a change defines it' })
export class RuleDefinitionType {
  @Field(() => ID)
  id!: string;

  @Field()
  regime!: string;

  @Field(() => RuleKindEnum)
  kind!: RuleKind;

  @Field({ description: 'CEL condition over the determination facts' })
  condition!: string;

  @Field()
  citation!: string;

  @Field()
  explanation!: string;

  @Field({ nullable: true })
  eccn?: string;

  @Field(() => ReviewPolicyEnum, { nullable: true })
  reviewPolicy?: string;

  @Field({ nullable: true })
  code?: string;

  @Field(() => [String], { nullable: true })
  covers?: string[];

  @Field(() => RuleCapType, { nullable: true })
  cap?: RuleCapType;

  @Field(() => [RuleConditionType], { nullable: true })
  conditions?: RuleConditionType[];

  @Field(() => Int, { nullable: true, description: 'Lower runs first among classification rules' })
  priority?: number;
}

@ObjectType('RuleDefinitionChange', { description: 'RuleAdded or RuleAmended: the rule as it reads from now on' })
export class RuleDefinitionChangeType {
  @Field(() => RuleDefinitionType)
  rule!: RuleDefinitionType;
}

@ObjectType('RuleRepeal', { description: 'RuleRepealed' })
export class RuleRepealType {
  @Field(() => ID)
  ruleId!: string;
}

@ObjectType('RegimeEnactment', { description: 'RegimeEnacted' })
export class RegimeEnactmentType {
  @Field()
  regime!: string;

  @Field()
  title!: string;
}

@ObjectType('RegimeStatusChange', {
  description: 'RegimeEnforcementSuspended, RegimeEnforcementResumed, RegimeRescinded or RegimeReinstated (PolicyChange.type says which)',
})
export class RegimeStatusChangeType {
  @Field()
  regime!: string;
}

@ObjectType('ChangeRetraction', { description: 'PolicyChangeRetracted: the earlier change it takes back' })
export class ChangeRetractionType {
  @Field(() => ID)
  retractedChangeId!: string;
}

const MEMBER: Record<PolicyEventType, new () => object> = {
  CountryTierReassigned: TierAssignmentType,
  CountryGroupsChanged: CountryGroupsAssignmentType,
  ThresholdChanged: ParameterSettingType,
  RuleAdded: RuleDefinitionChangeType,
  RuleAmended: RuleDefinitionChangeType,
  RuleRepealed: RuleRepealType,
  RegimeEnacted: RegimeEnactmentType,
  RegimeEnforcementSuspended: RegimeStatusChangeType,
  RegimeEnforcementResumed: RegimeStatusChangeType,
  RegimeRescinded: RegimeStatusChangeType,
  RegimeReinstated: RegimeStatusChangeType,
  PolicyChangeRetracted: ChangeRetractionType,
};

export const ChangeDetailsUnion = createUnionType({
  name: 'ChangeDetails',
  description: 'What a policy change changed, by its kind (the typed form of PolicyChange.details)',
  types: () => [
    TierAssignmentType,
    CountryGroupsAssignmentType,
    ParameterSettingType,
    RuleDefinitionChangeType,
    RuleRepealType,
    RegimeEnactmentType,
    RegimeStatusChangeType,
    ChangeRetractionType,
  ],
  resolveType: (value: object) => value.constructor,
});

/** The details of a change of this event type, as an instance of its union member (which resolveType reads). */
export function changeDetailsOf(type: PolicyEventType, details: object): object {
  return Object.assign(new MEMBER[type](), details);
}
