import { canonicalJson } from './canonical-json.js';
import type { PolicyState } from './policy-state.js';

export type PolicyPartKind = 'country' | 'parameter' | 'rule' | 'regime';

export interface PolicyPartChange {
  kind: PolicyPartKind;
  key: string;
  change: 'ADDED' | 'REMOVED' | 'CHANGED';
  before: unknown;
  after: unknown;
}

/** Every country, parameter, rule and regime that differs between two states, in a stable order. */
export function diffPolicyStates(before: PolicyState, after: PolicyState): PolicyPartChange[] {
  return [
    ...diffMaps('country', before.countries, after.countries),
    ...diffMaps('parameter', before.parameters, after.parameters),
    ...diffMaps('rule', before.rules, after.rules),
    ...diffMaps('regime', before.regimes, after.regimes),
  ];
}

function diffMaps<V>(kind: PolicyPartKind, before: ReadonlyMap<string, V>, after: ReadonlyMap<string, V>): PolicyPartChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: PolicyPartChange[] = [];
  for (const key of keys) {
    const [was, now] = [before.get(key), after.get(key)];
    if (was === now) continue;
    if (was === undefined) changes.push({ kind, key, change: 'ADDED', before: null, after: now });
    else if (now === undefined) changes.push({ kind, key, change: 'REMOVED', before: was, after: null });
    else if (canonicalJson(was) !== canonicalJson(now)) changes.push({ kind, key, change: 'CHANGED', before: was, after: now });
  }
  return changes;
}
