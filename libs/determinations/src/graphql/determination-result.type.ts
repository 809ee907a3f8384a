import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar, JsonScalar } from '#api-kit';
import { EnforcementStatusEnum, PolicySourceType, PolicyVersionType, ReviewPolicyEnum, RuleKindEnum } from '#policy';
import { OutcomeEnum } from './determination-enums.js';

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

  @Field(() => [ItemResultType])
  items!: ItemResultType[];

  @Field(() => [TraceEntryType])
  trace!: TraceEntryType[];

  @Field(() => [EnforcementNoteType])
  enforcement!: EnforcementNoteType[];

  @Field(() => JsonScalar)
  facts!: Record<string, unknown>;

  @Field(() => JsonScalar, { description: 'Draws on capped exceptions (e.g. LPP) this result relies on' })
  ledgerDraws!: unknown[];

  @Field(() => PolicyVersionType)
  policyVersion!: PolicyVersionType;

  @Field()
  engineVersion!: string;
}
