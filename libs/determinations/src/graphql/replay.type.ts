import { Field, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar, JsonScalar } from '#api-kit';
import { PolicySourceType } from '#policy';
import { DeterminationResultType } from './determination-result.type.js';
import { DeterminationType } from './determination.type.js';

@ObjectType('Difference')
export class DifferenceType {
  @Field({ description: 'Dotted path, e.g. items.0.outcome' })
  path!: string;

  @Field(() => JsonScalar, { nullable: true })
  before!: unknown;

  @Field(() => JsonScalar, { nullable: true })
  after!: unknown;
}

@ObjectType('ReplayCause')
export class ReplayCauseType {
  @Field()
  changeId!: string;

  @Field()
  type!: string;

  @Field(() => DateTimeScalar)
  effectiveAt!: string;

  @Field(() => DateTimeScalar)
  recordedAt!: string;

  @Field(() => PolicySourceType)
  source!: PolicySourceType;
}

@ObjectType('Replay')
export class ReplayType {
  @Field(() => DeterminationType)
  original!: DeterminationType;

  @Field(() => DeterminationResultType)
  replayed!: DeterminationResultType;

  @Field({ description: 'True when the replayed outcome, grounds or facts differ from the original' })
  changed!: boolean;

  @Field({ description: 'True when the replay reproduced the original state hash' })
  sameState!: boolean;

  @Field(() => [DifferenceType])
  differences!: DifferenceType[];

  @Field(() => [ReplayCauseType])
  causes!: ReplayCauseType[];
}
