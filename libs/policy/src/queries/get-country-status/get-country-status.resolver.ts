import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { ConsistentWith, Roles } from '#api-kit';
import { CountryStatusType } from '../../graphql/country-status.type.js';
import { PolicyCoordinatesInput } from '../../graphql/policy-coordinates.input.js';
import { GetCountryStatus } from './get-country-status.query.js';

@Resolver()
export class GetCountryStatusResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => CountryStatusType, { description: "A country's tier and country groups at the coordinates" })
  @Roles('viewer')
  countryStatus(
    @Args('country') country: string,
    @Args('policyId', { type: () => ID, nullable: true }) policyId?: string,
    @Args('at', { type: () => PolicyCoordinatesInput, nullable: true }) at?: PolicyCoordinatesInput,
    @ConsistentWith() _consistentWith?: number,
  ): Promise<CountryStatusType> {
    return this.queries.execute(new GetCountryStatus(country, policyId, at));
  }
}
