import type { AmendmentState, PolicyDocument } from '#domain';

/** The amendment's content as a policy document: what publishing appends and a preview stages. */
export function amendmentDocument(amendment: AmendmentState): PolicyDocument {
  const { amendmentId, policyId, title, rationale, source, changes } = amendment;
  if (!source) throw new Error(`amendment ${amendmentId} has no source: it was never drafted`);
  return { id: amendmentId, policyId, title, rationale, source, changes };
}
