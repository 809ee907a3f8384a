import { Query } from '@nestjs/cqrs';
import type { PolicyCoordinatesInput } from '../../graphql/policy-coordinates.input.js';
import type { PolicyViewType } from '../../graphql/policy-view.type.js';

export class GetPolicy extends Query<PolicyViewType> {
  constructor(
    readonly policyId: string | undefined,
    readonly at: PolicyCoordinatesInput | undefined,
  ) {
    super();
  }
}
