import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { countryStatusIn, InvalidInputError, isCountryCode } from '#domain';
import type { CountryStatusType } from '../../graphql/country-status.type.js';
import { PolicyCoordinatesService } from '../../policy-coordinates.service.js';
import { toVersionType } from '../../policy-view.mapper.js';
import { GetCountryStatus } from './get-country-status.query.js';

@QueryHandler(GetCountryStatus)
export class GetCountryStatusHandler implements IQueryHandler<GetCountryStatus> {
  constructor(private readonly coordinates: PolicyCoordinatesService) {}

  async execute({ country, policyId, at }: GetCountryStatus): Promise<CountryStatusType> {
    const code = country.trim().toUpperCase();
    if (!isCountryCode(code)) throw new InvalidInputError(`country: '${country}' is not an ISO 3166-1 alpha-2 code`, 'country');
    const { timeline, coordinates } = this.coordinates.resolve(policyId, at);
    const version = timeline.stateAt(coordinates);
    const { tier, defaultTier, groups, effectiveAt, source } = countryStatusIn(version.state, code);
    return {
      country: code,
      tier,
      defaultTier,
      groups,
      effectiveAt,
      source,
      version: toVersionType(version),
    };
  }
}
