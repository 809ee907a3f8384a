import { amendmentRedline, documentToEvents, type AmendmentState, type RecordedPolicyEvent, type Redline } from '#domain';
import { amendmentDocument } from '../amendment-document.js';

export interface AmendmentRedline extends Redline {
  amendmentId: string;
  policyId: string;
  status: string;
  againstPosition: number;
}

/**
 * The redline of an amendment against the policy it amends. Unpublished, it is read against the
 * policy as recorded now (what publishing would change); published, against the policy as it
 * stood just before its changes were appended, with the changes as recorded: what it did then.
 * What the GraphQL query and `policyctl amendment show --redline` both run.
 */
export function redlineOfAmendment(amendment: AmendmentState, recorded: readonly RecordedPolicyEvent[]): AmendmentRedline {
  const { amendmentId, policyId } = amendment;
  const published = recorded.filter((held) => held.event.data.amendmentId === amendmentId);
  const status = amendment.status ?? 'DRAFT';
  if (status === 'PUBLISHED' && published.length > 0) {
    const before = recorded.filter((held) => held.position < published[0].position);
    const redline = amendmentRedline(
      policyId,
      before,
      published.map((held) => held.event),
    );
    return { amendmentId, policyId, status, againstPosition: before.at(-1)?.position ?? 0, ...redline };
  }
  const redline = amendmentRedline(policyId, recorded, documentToEvents(amendmentDocument(amendment)));
  return { amendmentId, policyId, status, againstPosition: recorded.at(-1)?.position ?? 0, ...redline };
}
