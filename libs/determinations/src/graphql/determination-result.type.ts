import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { LedgerDraw } from '#domain';
import { DateTimeScalar, JsonScalar } from '#api-kit';
import { EnforcementStatusEnum, PolicySourceType, PolicyVersionType, ReviewPolicyEnum, RuleKindEnum } from '#policy';
import { OutcomeEnum } from './determination-enums.js';

@ObjectType('ExceptionCondition', { description: 'Something the exporter must do to rely on a license exception' })
export class ExceptionConditionType {
  @Field({ description: 'The exception code, e.g. NAC' })
  exception!: string;

  @Field({ description: 'e.g. PRIOR_NOTIFICATION, SECURE_STORAGE, PURCHASE_ORDER' })
  code!: string;

  @Field()
  description!: string;

  @Field({ nullable: true })
  citation?: string;
}

@ObjectType('Caveat', { description: 'A piece of the policy the result relied on whose source is UNCONFIRMED' })
export class CaveatType {
  @Field({ description: 'What it is about, e.g. "rule exc.nveu" or "country groups of CN"' })
  subject!: string;

  @Field({ nullable: true })
  ruleId?: string;

  @Field({ nullable: true })
  changeId?: string;

  @Field()
  confidence!: string;

  @Field()
  note!: string;
}

@ObjectType('Assumption', { description: 'A fact a rule read that the input did not give, and how it was read' })
export class AssumptionType {
  @Field({ description: 'The input path, e.g. items.0.designedForDatacenter' })
  fact!: string;

  @Field(() => JsonScalar)
  assumed!: unknown;

  @Field()
  reason!: string;

  @Field(() => [ID], { description: 'The rules that read it' })
  rules!: string[];
}

@ObjectType('ItemResult')
export class ItemResultType {
  @Field(() => Int)
  index!: number;

  @Field()
  eccn!: string;

  @Field(() => OutcomeEnum)
  outcome!: string;

  @Field(() => ReviewPolicyEnum, { nullable: true })
  reviewPolicy!: string | null;

  @Field(() => [String], { description: 'Exception codes relied on, e.g. AIA, LPP' })
  exceptions!: string[];

  @Field(() => [ID], { description: 'Requirement rules that applied' })
  requirements!: string[];

  @Field(() => [ExceptionConditionType], { description: 'What the exporter must do to rely on the exceptions of this item' })
  conditions!: ExceptionConditionType[];
}

@ObjectType('TraceEntry')
export class TraceEntryType {
  @Field(() => ID)
  ruleId!: string;

  @Field(() => RuleKindEnum)
  kind!: string;

  @Field(() => Int, { description: 'Index of the item the rule was evaluated for' })
  item!: number;

  @Field()
  matched!: boolean;

  @Field()
  citation!: string;

  @Field()
  explanation!: string;

  @Field({ nullable: true })
  note?: string;
}

@ObjectType('EnforcementNote')
export class EnforcementNoteType {
  @Field()
  regime!: string;

  @Field(() => EnforcementStatusEnum)
  status!: string;

  @Field(() => DateTimeScalar)
  since!: string;

  @Field(() => PolicySourceType)
  source!: PolicySourceType;
}

@ObjectType('DeterminationResult')
export class DeterminationResultType {
  @Field(() => OutcomeEnum)
  outcome!: string;

  @Field(() => ReviewPolicyEnum, { nullable: true })
  reviewPolicy!: string | null;

  @Field(() => [String])
  exceptions!: string[];

  @Field(() => [ExceptionConditionType], { description: 'The conditions of the exceptions relied on, for every item' })
  conditions!: ExceptionConditionType[];

  @Field(() => [ItemResultType])
  items!: ItemResultType[];

  @Field(() => [TraceEntryType])
  trace!: TraceEntryType[];

  @Field(() => [EnforcementNoteType])
  enforcement!: EnforcementNoteType[];

  @Field(() => [CaveatType], { description: 'Every UNCONFIRMED rule, parameter, country entry or enforcement status relied on, with its note' })
  caveats!: CaveatType[];

  @Field(() => [AssumptionType], { description: 'Every fact a rule read that the input left out, and how it was read' })
  assumptions!: AssumptionType[];

  @Field(() => JsonScalar, { deprecationReason: 'Use factEntries: the same facts, one typed entry per fact' })
  facts!: Record<string, unknown>;

  @Field(() => JsonScalar, {
    description: 'Draws on capped exceptions (e.g. LPP) this result relies on',
    deprecationReason: 'Use draws: the same draws, typed',
  })
  ledgerDraws!: LedgerDraw[];

  @Field(() => PolicyVersionType)
  policyVersion!: PolicyVersionType;

  @Field()
  engineVersion!: string;
}
