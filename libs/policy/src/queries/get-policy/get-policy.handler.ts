import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { PolicyViewType } from '../../graphql/policy-view.type.js';
import { PolicyCoordinatesService } from '../../policy-coordinates.service.js';
import { toPolicyView } from '../../policy-view.mapper.js';
import { GetPolicy } from './get-policy.query.js';

@QueryHandler(GetPolicy)
export class GetPolicyHandler implements IQueryHandler<GetPolicy> {
  constructor(private readonly coordinates: PolicyCoordinatesService) {}

  async execute({ policyId, at }: GetPolicy): Promise<PolicyViewType> {
    const { timeline, coordinates } = this.coordinates.resolve(policyId, at);
    return toPolicyView(timeline.stateAt(coordinates));
  }
}
