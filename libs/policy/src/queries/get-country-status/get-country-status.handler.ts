import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InvalidInputError, isCountryCode, type Provenance } from '#domain';
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
    const classification = version.state.countries.get(code);
    const defaultTier = version.state.parameters.get('tier.default');
    const usesDefault = classification?.tier == null && defaultTier !== undefined;
    const latest = latestOf(usesDefault ? defaultTier : classification?.tierSet, classification?.groupsSet);
    const tier = usesDefault ? defaultTier.value : (classification?.tier ?? null);
    return {
      country: code,
      tier: tier as number | null,
      defaultTier: usesDefault,
      groups: [...(classification?.groups ?? [])],
      effectiveAt: latest?.effectiveAt ?? null,
      source: latest?.source ?? null,
      version: toVersionType(version),
    };
  }
}

function latestOf(...sets: Array<Provenance | undefined>): Provenance | undefined {
  return sets
    .filter((set): set is Provenance => set !== undefined)
    .sort((a, b) => (a.effectiveAt < b.effectiveAt ? 1 : a.effectiveAt > b.effectiveAt ? -1 : 0))[0];
}
