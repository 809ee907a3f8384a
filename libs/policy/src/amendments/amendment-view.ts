import type { AmendmentState } from '#domain';
import type { AmendmentType } from './graphql/amendment.type.js';

export function toAmendmentView(state: AmendmentState, position: number): AmendmentType {
  return {
    id: state.amendmentId,
    policyId: state.policyId,
    status: state.status ?? 'DRAFT',
    version: state.version,
    title: state.title,
    rationale: state.rationale,
    source: state.source ?? { citation: '', publishedAt: state.history[0]?.at ?? '' },
    author: state.author,
    contributors: state.contributors,
    approvals: state.approvals,
    changes: state.changes,
    basePosition: state.base.position,
    publishedPosition: state.publication?.policyPosition ?? null,
    history: state.history.map(({ type, at, actor, note }) => ({ type, at, actor, note: note ?? null })),
    position,
  };
}
