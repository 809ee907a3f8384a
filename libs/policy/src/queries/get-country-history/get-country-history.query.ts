import { Query } from '@nestjs/cqrs';
import type { CountryHistoryType } from './country-history.type.js';

export class GetCountryHistory extends Query<CountryHistoryType> {
  constructor(
    readonly country: string,
    readonly policyId: string | undefined,
    readonly knownAt: string | undefined,
    readonly publishedBy: string | undefined,
  ) {
    super();
  }
}
