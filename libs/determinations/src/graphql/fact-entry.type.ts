import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('FactEntry', {
  description:
    'One fact a ruling used (DeterminationResult.facts, one leaf of it): its value is in the field of its type, the others are null; all are null where the policy had no value',
})
export class FactEntryType {
  @Field({ description: 'Dotted path as in Assumption.fact, e.g. destination.tier, items.0.tpp, parameters.lpp.cap.tpp' })
  name!: string;

  @Field(() => String, { nullable: true })
  string!: string | null;

  @Field(() => Float, { nullable: true })
  number!: number | null;

  @Field(() => Boolean, { nullable: true })
  boolean!: boolean | null;

  @Field(() => [String], { nullable: true, description: 'A list of strings, e.g. country groups' })
  strings!: string[] | null;
}
