import { Query } from '@nestjs/cqrs';
import type { CountryStatusType } from '../../graphql/country-status.type.js';
import type { PolicyCoordinatesInput } from '../../graphql/policy-coordinates.input.js';

export class GetCountryStatus extends Query<CountryStatusType> {
  constructor(
    readonly country: string,
    readonly policyId: string | undefined,
    readonly at: PolicyCoordinatesInput | undefined,
  ) {
    super();
  }
}
