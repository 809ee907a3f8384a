import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '#api-kit';
import { PolicySourceType } from '../../graphql/policy-source.type.js';

@ObjectType('CountryPeriod', { description: "A stretch of legal time over which a country's tier and groups stayed the same" })
export class CountryPeriodType {
  @Field(() => DateTimeScalar, { description: 'When the period began: the effective date of the change that started it' })
  from!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the next period began (exclusive); null while it lasts' })
  to!: string | null;

  @Field(() => Int, { nullable: true, description: '1, 2 or 3; null when no tier system is in force' })
  tier!: number | null;

  @Field({ description: 'True when the tier is the default for unlisted destinations' })
  defaultTier!: boolean;

  @Field(() => [String])
  groups!: string[];

  @Field(() => String, { nullable: true, description: 'The recorded change that set the classification last' })
  changeId!: string | null;

  @Field(() => PolicySourceType, { nullable: true })
  source!: PolicySourceType | null;
}

@ObjectType('CountryHistory')
export class CountryHistoryType {
  @Field()
  country!: string;

  @Field(() => DateTimeScalar, { description: 'The knowledge the history is told from' })
  knownAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  publishedBy!: string | null;

  @Field(() => [CountryPeriodType], { description: 'Oldest first; the time before anything was set for the country is left out' })
  periods!: CountryPeriodType[];
}
