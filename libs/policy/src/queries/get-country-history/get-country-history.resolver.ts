import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { ConsistentWith, DateTimeScalar, Roles } from '#api-kit';
import { CountryHistoryType } from './country-history.type.js';
import { GetCountryHistory } from './get-country-history.query.js';

@Resolver()
export class GetCountryHistoryResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => CountryHistoryType, { description: "A country's tier and groups over all of legal time, as known at knownAt (default now)" })
  @Roles('viewer')
  countryHistory(
    @Args('country') country: string,
    @Args('policyId', { type: () => ID, nullable: true }) policyId?: string,
    @Args('knownAt', { type: () => DateTimeScalar, nullable: true }) knownAt?: string,
    @Args('publishedBy', { type: () => DateTimeScalar, nullable: true, description: 'Only changes whose legal source was published by then' })
    publishedBy?: string,
    @ConsistentWith() _consistentWith?: number,
  ): Promise<CountryHistoryType> {
    return this.queries.execute(new GetCountryHistory(country, policyId, knownAt, publishedBy));
  }
}
