import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { ConsistentWith, Roles } from '#api-kit';
import { PolicyCoordinatesInput } from '../../graphql/policy-coordinates.input.js';
import { PolicyViewType } from '../../graphql/policy-view.type.js';
import { GetPolicy } from './get-policy.query.js';

@Resolver()
export class GetPolicyResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => PolicyViewType, { description: 'The policy in force at validAt, as known at knownAt' })
  @Roles('viewer')
  policy(
    @Args('policyId', { type: () => ID, nullable: true }) policyId?: string,
    @Args('at', { type: () => PolicyCoordinatesInput, nullable: true }) at?: PolicyCoordinatesInput,
    @ConsistentWith() _consistentWith?: number,
  ): Promise<PolicyViewType> {
    return this.queries.execute(new GetPolicy(policyId, at));
  }
}
