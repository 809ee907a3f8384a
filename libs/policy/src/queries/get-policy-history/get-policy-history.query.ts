import { Query } from '@nestjs/cqrs';
import type { Instant } from '#domain';
import type { PolicyChangeConnectionType } from '../../graphql/policy-change.type.js';

export class GetPolicyHistory extends Query<PolicyChangeConnectionType> {
  constructor(
    readonly policyId: string | undefined,
    readonly validFrom: Instant | undefined,
    readonly validTo: Instant | undefined,
    readonly first: number,
    readonly after: string | undefined,
  ) {
    super();
  }
}
