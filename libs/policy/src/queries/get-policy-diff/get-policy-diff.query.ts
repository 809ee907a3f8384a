import { Query } from '@nestjs/cqrs';
import type { PolicyCoordinatesInput } from '../../graphql/policy-coordinates.input.js';
import type { PolicyDiffType } from '../../graphql/policy-diff.type.js';

export class GetPolicyDiff extends Query<PolicyDiffType> {
  constructor(
    readonly policyId: string | undefined,
    readonly from: PolicyCoordinatesInput,
    readonly to: PolicyCoordinatesInput,
  ) {
    super();
  }
}
