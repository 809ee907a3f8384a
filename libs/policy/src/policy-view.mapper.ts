import { canonicalPolicyState, type PolicyState, type PolicyVersion, type RecordedPolicyEvent } from '#domain';
import type { PolicyChangeType } from './graphql/policy-change.type.js';
import type { PolicyVersionType } from './graphql/policy-version.type.js';
import type { PolicyViewType } from './graphql/policy-view.type.js';

const sorted = <V>(map: ReadonlyMap<string, V>): V[] => [...map.keys()].sort().map((key) => map.get(key) as V);

export function toVersionType(version: PolicyVersion): PolicyVersionType {
  const { validAt, knownAt, knownPosition, publishedBy, stateHash } = version;
  return { validAt, knownAt, knownPosition, publishedBy, stateHash };
}

export function toPolicyView(version: PolicyVersion): PolicyViewType {
  const state: PolicyState = version.state;
  const view: Omit<PolicyViewType, 'canonicalState'> = {
    policyId: version.policyId,
    version: toVersionType(version),
    countries: sorted(state.countries).map(({ country, tier, groups }) => ({ country, tier, groups: [...groups] })),
    parameters: sorted(state.parameters),
    rules: sorted(state.rules).map((rule) => ({ ...rule, covers: rule.covers ? [...rule.covers] : undefined })),
    regimes: sorted(state.regimes).map((regime) => ({
      ...regime,
      legalSince: regime.legalSince.effectiveAt,
      enforcementSince: regime.enforcementSince.effectiveAt,
      enforcementSource: regime.enforcementSince.source,
    })),
  };
  // Written only when a query selects it: most policy queries do not, and it is the whole state.
  return Object.defineProperty(view, 'canonicalState', { enumerable: true, get: () => canonicalPolicyState(state) }) as PolicyViewType;
}

export function toPolicyChange(policyId: string, { event, position, recordedAt }: RecordedPolicyEvent): PolicyChangeType {
  const { changeId, amendmentId, effectiveAt, source, rationale, confidence, note, ...details } = event.data;
  return { changeId, policyId, type: event.type, effectiveAt, recordedAt, position, amendmentId, source, rationale, confidence, note, details };
}
