import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodePositionCursor, encodePositionCursor } from '#api-kit';
import { instantMs } from '#domain';
import type { PolicyChangeConnectionType } from '../../graphql/policy-change.type.js';
import { DEFAULT_POLICY_ID } from '../../policy-streams.js';
import { PolicyTimelines } from '../../policy-timelines.service.js';
import { toPolicyChange } from '../../policy-view.mapper.js';
import { GetPolicyHistory } from './get-policy-history.query.js';

/** Every recorded change, retractions included, whose effective date falls in the window, in recording order. */
@QueryHandler(GetPolicyHistory)
export class GetPolicyHistoryHandler implements IQueryHandler<GetPolicyHistory> {
  constructor(private readonly timelines: PolicyTimelines) {}

  async execute({ policyId, validFrom, validTo, first, after }: GetPolicyHistory): Promise<PolicyChangeConnectionType> {
    const id = policyId ?? DEFAULT_POLICY_ID;
    const from = validFrom ? instantMs(validFrom) : Number.NEGATIVE_INFINITY;
    const to = validTo ? instantMs(validTo) : Number.POSITIVE_INFINITY;
    const afterPosition = after === undefined ? 0 : decodePositionCursor(after);
    const matching = this.timelines.timeline(id).events.filter(({ event }) => {
      const effective = instantMs(event.data.effectiveAt);
      return effective >= from && effective <= to;
    });
    const page = matching.filter((recorded) => recorded.position > afterPosition).slice(0, first + 1);
    const nodes = page.slice(0, first).map((recorded) => toPolicyChange(id, recorded));
    const edges = nodes.map((node) => ({ cursor: encodePositionCursor(node.position), node }));
    return { edges, nodes, totalCount: matching.length, pageInfo: { hasNextPage: page.length > first, endCursor: edges.at(-1)?.cursor } };
  }
}
