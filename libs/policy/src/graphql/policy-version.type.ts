import { Field, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar, PositionField } from '#api-kit';

@ObjectType('PolicyVersion', { description: 'The coordinates a policy state answers, and the hash of that state' })
export class PolicyVersionType {
  @Field(() => DateTimeScalar)
  validAt!: string;

  @Field(() => DateTimeScalar)
  knownAt!: string;

  @PositionField('Position of the last policy event known at knownAt')
  knownPosition!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  publishedBy!: string | null;

  @Field({ description: 'sha256 of the canonical policy state' })
  stateHash!: string;
}
