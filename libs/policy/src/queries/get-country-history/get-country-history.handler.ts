import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { countryHistory, InvalidInputError, isCountryCode } from '#domain';
import { PolicyCoordinatesService } from '../../policy-coordinates.service.js';
import type { CountryHistoryType } from './country-history.type.js';
import { GetCountryHistory } from './get-country-history.query.js';

@QueryHandler(GetCountryHistory)
export class GetCountryHistoryHandler implements IQueryHandler<GetCountryHistory> {
  constructor(private readonly coordinates: PolicyCoordinatesService) {}

  async execute({ country, policyId, knownAt, publishedBy }: GetCountryHistory): Promise<CountryHistoryType> {
    const code = country.trim().toUpperCase();
    if (!isCountryCode(code)) throw new InvalidInputError(`country: '${country}' is not an ISO 3166-1 alpha-2 code`, 'country');
    const { timeline, coordinates } = this.coordinates.resolve(policyId, { knownAt, publishedBy });
    const periods = countryHistory(timeline, code, coordinates);
    return {
      country: code,
      knownAt: coordinates.knownAt,
      publishedBy: coordinates.publishedBy ?? null,
      periods: periods.map(({ from, to, tier, defaultTier, groups, changeId, source }) => ({ from, to, tier, defaultTier, groups, changeId, source })),
    };
  }
}
