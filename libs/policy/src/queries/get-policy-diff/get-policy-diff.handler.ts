import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { diffPolicyStates, diffRedline, type RecordedPolicyEvent } from '#domain';
import type { PolicyDiffType } from '../../graphql/policy-diff.type.js';
import { PolicyCoordinatesService } from '../../policy-coordinates.service.js';
import { toPolicyChange, toVersionType } from '../../policy-view.mapper.js';
import { GetPolicyDiff } from './get-policy-diff.query.js';

@QueryHandler(GetPolicyDiff)
export class GetPolicyDiffHandler implements IQueryHandler<GetPolicyDiff> {
  constructor(private readonly coordinates: PolicyCoordinatesService) {}

  async execute({ policyId, from, to }: GetPolicyDiff): Promise<PolicyDiffType> {
    const before = this.coordinates.resolve(policyId, from);
    const after = this.coordinates.resolve(policyId, to);
    const [a, b] = [before.timeline.stateAt(before.coordinates), after.timeline.stateAt(after.coordinates)];
    const inBefore = before.timeline.changesInForce(before.coordinates);
    const inAfter = after.timeline.changesInForce(after.coordinates);
    const parts = diffPolicyStates(a.state, b.state);
    const changes = symmetricDifference(inBefore, inAfter);
    const lookup = (changeId: string) => (after.timeline.change(changeId) ?? before.timeline.change(changeId))?.event;
    return {
      from: toVersionType(a),
      to: toVersionType(b),
      parts,
      changes: changes.map((recorded) => toPolicyChange(before.policyId, recorded)),
      redline: diffRedline(
        parts,
        changes.map((recorded) => recorded.event),
        lookup,
      ),
    };
  }
}

function symmetricDifference(a: RecordedPolicyEvent[], b: RecordedPolicyEvent[]): RecordedPolicyEvent[] {
  const ids = (list: RecordedPolicyEvent[]) => new Set(list.map((r) => r.event.data.changeId));
  const [inA, inB] = [ids(a), ids(b)];
  return [...a.filter((r) => !inB.has(r.event.data.changeId)), ...b.filter((r) => !inA.has(r.event.data.changeId))].sort((x, y) => x.position - y.position);
}
