import { Field, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '#api-kit';
import { PolicyChangeType } from './policy-change.type.js';
import { PolicyVersionType } from './policy-version.type.js';
import { RedlineEntryType } from './redline.type.js';

@ObjectType('PolicyPartChange')
export class PolicyPartChangeType {
  @Field({ description: 'country, parameter, rule or regime' })
  kind!: string;

  @Field()
  key!: string;

  @Field({ description: 'ADDED, REMOVED or CHANGED' })
  change!: string;

  @Field(() => JsonScalar, { nullable: true })
  before!: unknown;

  @Field(() => JsonScalar, { nullable: true })
  after!: unknown;
}

@ObjectType('PolicyDiff')
export class PolicyDiffType {
  @Field(() => PolicyVersionType)
  from!: PolicyVersionType;

  @Field(() => PolicyVersionType)
  to!: PolicyVersionType;

  @Field(() => [PolicyPartChangeType])
  parts!: PolicyPartChangeType[];

  @Field(() => [PolicyChangeType], { description: 'The recorded changes in force at one point and not the other' })
  changes!: PolicyChangeType[];

  @Field(() => [RedlineEntryType], { description: 'The parts as a redline: fields before and after, word by word, each with the changes that cause it' })
  redline!: RedlineEntryType[];
}
