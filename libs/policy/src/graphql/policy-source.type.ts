import { Field, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '#api-kit';

@ObjectType('PolicySource')
export class PolicySourceType {
  @Field()
  citation!: string;

  @Field({ nullable: true })
  url?: string;

  @Field(() => DateTimeScalar)
  publishedAt!: string;
}
