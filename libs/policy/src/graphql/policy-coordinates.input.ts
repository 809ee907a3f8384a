import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsString } from 'class-validator';
import { DateTimeScalar } from '#api-kit';
import type { Instant } from '#domain';

@InputType('PolicyCoordinates', { description: 'A point on both time axes; missing times default to now' })
export class PolicyCoordinatesInput {
  @Field(() => DateTimeScalar, { nullable: true, description: 'Valid (legal) time: the date the law is applied to' })
  @IsOptional()
  @IsString()
  validAt?: Instant;

  @Field(() => DateTimeScalar, { nullable: true, description: 'System time: what this system had recorded by then' })
  @IsOptional()
  @IsString()
  knownAt?: Instant;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only changes whose legal source was published by then' })
  @IsOptional()
  @IsString()
  publishedBy?: Instant;

  @Field(() => [ID], { nullable: true, description: 'Staged amendments to preview on top of current knowledge' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  withAmendments?: string[];
}
