import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '#api-kit';
import { TraceEntryType } from './determination-result.type.js';

@ObjectType('PolicyTestMismatch', { description: 'A field of the result that is not what the case expects' })
export class PolicyTestMismatchType {
  @Field({ description: 'The path into the result, e.g. outcome or enforcement' })
  path!: string;

  @Field(() => JsonScalar, { nullable: true })
  expected!: unknown;

  @Field(() => JsonScalar, { nullable: true, description: 'Cut down to the keys the expectation names' })
  actual!: unknown;
}

@ObjectType('PolicyTestCaseResult')
export class PolicyTestCaseResultType {
  @Field()
  name!: string;

  @Field(() => Int, { description: 'Where the case starts in the case file' })
  line!: number;

  @Field({ description: 'With the amendment applied' })
  passed!: boolean;

  @Field({ description: 'Without the amendment: the policy as recorded' })
  passedWithoutAmendment!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the engine refused the input, if it did' })
  error!: string | null;

  @Field(() => [PolicyTestMismatchType])
  mismatches!: PolicyTestMismatchType[];

  @Field(() => [TraceEntryType], { description: 'For a failure: the trace lines that decided the result' })
  deciding!: TraceEntryType[];
}

@ObjectType('PolicyTestRun', { description: "A policy team's case file run against the policy with an amendment applied, and without it" })
export class PolicyTestRunType {
  @Field(() => ID)
  amendmentId!: string;

  @Field(() => ID)
  policyId!: string;

  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  passed!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => [String], { description: 'The cases whose verdict the amendment changes (pass to fail, or fail to pass)' })
  changedByAmendment!: string[];

  @Field(() => [PolicyTestCaseResultType])
  cases!: PolicyTestCaseResultType[];
}
