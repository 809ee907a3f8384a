import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { DateTimeScalar, Roles } from '#api-kit';
import { InvalidInputError, type Instant } from '#domain';
import { PolicyChangeConnectionType } from '../../graphql/policy-change.type.js';
import { GetPolicyHistory } from './get-policy-history.query.js';

export const MAX_PAGE_SIZE = 500;

@Resolver()
export class GetPolicyHistoryResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => PolicyChangeConnectionType, { description: 'Recorded policy changes effective in a window, in recording order' })
  @Roles('viewer')
  policyHistory(
    @Args('policyId', { type: () => ID, nullable: true }) policyId?: string,
    @Args('validFrom', { type: () => DateTimeScalar, nullable: true }) validFrom?: Instant,
    @Args('validTo', { type: () => DateTimeScalar, nullable: true }) validTo?: Instant,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<PolicyChangeConnectionType> {
    const size = first ?? 100;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidInputError(`first: must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
    }
    return this.queries.execute(new GetPolicyHistory(policyId, validFrom, validTo, size, after));
  }
}
