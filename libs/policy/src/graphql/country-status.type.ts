import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '#api-kit';
import { PolicySourceType } from './policy-source.type.js';
import { PolicyVersionType } from './policy-version.type.js';

@ObjectType('CountryStatus')
export class CountryStatusType {
  @Field()
  country!: string;

  @Field(() => Int, { nullable: true, description: '1, 2 or 3; null when no tier system is in force' })
  tier!: number | null;

  @Field({ description: 'True when the tier is the default for unlisted destinations' })
  defaultTier!: boolean;

  @Field(() => [String])
  groups!: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the latest change to this country took effect' })
  effectiveAt!: string | null;

  @Field(() => PolicySourceType, { nullable: true })
  source!: PolicySourceType | null;

  @Field(() => PolicyVersionType)
  version!: PolicyVersionType;
}
