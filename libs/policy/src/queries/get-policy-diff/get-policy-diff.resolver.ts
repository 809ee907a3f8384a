import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '#api-kit';
import { PolicyCoordinatesInput } from '../../graphql/policy-coordinates.input.js';
import { PolicyDiffType } from '../../graphql/policy-diff.type.js';
import { GetPolicyDiff } from './get-policy-diff.query.js';

@Resolver()
export class GetPolicyDiffResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => PolicyDiffType, { description: 'What differs between the policy at two coordinates, and the changes responsible' })
  @Roles('viewer')
  policyDiff(
    @Args('from', { type: () => PolicyCoordinatesInput }) from: PolicyCoordinatesInput,
    @Args('to', { type: () => PolicyCoordinatesInput }) to: PolicyCoordinatesInput,
    @Args('policyId', { type: () => ID, nullable: true }) policyId?: string,
  ): Promise<PolicyDiffType> {
    return this.queries.execute(new GetPolicyDiff(policyId, from, to));
  }
}
