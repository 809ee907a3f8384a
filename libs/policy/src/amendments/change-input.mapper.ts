import { PolicyInvalidError, type PolicyChange, type PolicyDocument, type PolicySource, type RuleDefinition } from '#domain';
import type { ChangeInput, DraftAmendmentInput, RuleInput } from './graphql/change.input.js';

const NEEDS: Record<ChangeInput['type'], ReadonlyArray<keyof ChangeInput>> = {
  REASSIGN_TIER: ['country', 'tier'],
  CHANGE_COUNTRY_GROUPS: ['country', 'groups'],
  SET_THRESHOLD: ['parameter', 'value', 'unit'],
  ADD_RULE: ['rule'],
  AMEND_RULE: ['rule'],
  REPEAL_RULE: ['ruleId'],
  ENACT_REGIME: ['regime', 'title'],
  SUSPEND_ENFORCEMENT: ['regime'],
  RESUME_ENFORCEMENT: ['regime'],
  RESCIND_REGIME: ['regime'],
  REINSTATE_REGIME: ['regime'],
  RETRACT_CHANGE: ['changeId'],
};

const OPTIONAL_TITLE: ReadonlySet<ChangeInput['type']> = new Set(['SUSPEND_ENFORCEMENT', 'RESUME_ENFORCEMENT', 'RESCIND_REGIME', 'REINSTATE_REGIME']);

/** A GraphQL change as the domain's PolicyChange: the fields its type needs, and nothing else. */
export function toPolicyChange(input: ChangeInput, changeIndex: number): PolicyChange {
  const picked: Record<string, unknown> = { type: input.type, effectiveAt: input.effectiveAt };
  for (const field of NEEDS[input.type]) {
    const value = input[field];
    if (value === undefined || value === null) {
      throw new PolicyInvalidError(`changes.${changeIndex}: ${input.type} needs '${field}'`, { changeIndex, field });
    }
    picked[field] = field === 'rule' ? toRule(value as RuleInput) : field === 'groups' ? [...(value as string[])] : value;
  }
  if (OPTIONAL_TITLE.has(input.type) && input.title) picked.title = input.title;
  if (input.source) picked.source = toSource(input.source);
  if (input.confidence) picked.confidence = input.confidence;
  if (input.note) picked.note = input.note;
  return picked as unknown as PolicyChange;
}

export function toSource(source: { citation: string; url?: string | null; publishedAt: string }): PolicySource {
  return { citation: source.citation, ...(source.url ? { url: source.url } : {}), publishedAt: source.publishedAt };
}

function toRule(rule: RuleInput): RuleDefinition {
  const conditions = rule.conditions?.map(({ code, description, citation }) => (citation ? { code, description, citation } : { code, description }));
  const defined = Object.entries({
    ...rule,
    cap: rule.cap ? { ...rule.cap } : undefined,
    covers: rule.covers ? [...rule.covers] : undefined,
    conditions,
  }).filter(([, value]) => value !== undefined && value !== null);
  return Object.fromEntries(defined) as unknown as RuleDefinition;
}

/** The amendment's content as a policy document: what publishing appends and previews stage. */
export function draftToDocument(id: string, input: DraftAmendmentInput, defaultPolicyId: string): PolicyDocument {
  return {
    id,
    policyId: input.policyId ?? defaultPolicyId,
    title: input.title,
    rationale: input.rationale,
    source: toSource(input.source),
    changes: input.changes.map(toPolicyChange),
  };
}
