import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('OutcomeTransition')
export class OutcomeTransitionType {
  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('ImpactSample')
export class ImpactSampleType {
  @Field(() => ID)
  determinationId!: string;

  @Field()
  before!: string;

  @Field()
  after!: string;
}

@ObjectType('ImpactReport', { description: "Recorded determinations re-evaluated with and without an amendment, at today's knowledge" })
export class ImpactReportType {
  @Field(() => ID)
  amendmentId!: string;

  @Field(() => Int)
  evaluated!: number;

  @Field(() => Int)
  flipped!: number;

  @Field(() => [OutcomeTransitionType])
  byTransition!: OutcomeTransitionType[];

  @Field(() => [ImpactSampleType])
  samples!: ImpactSampleType[];

  @Field(() => Float)
  elapsedMs!: number;
}
