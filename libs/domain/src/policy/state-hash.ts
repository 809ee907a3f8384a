import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { PolicyState } from './policy-state.js';

/** The state as plain sorted data: what the hash covers and what a PolicyView shows. */
export function policyStateDocument(state: PolicyState) {
  return {
    countries: sortedValues(state.countries),
    parameters: sortedValues(state.parameters),
    rules: sortedValues(state.rules),
    regimes: sortedValues(state.regimes),
  };
}

/** The exact text a state hash covers: the canonical JSON of the state document. */
export function canonicalPolicyState(state: PolicyState): string {
  return canonicalJson(policyStateDocument(state));
}

/** sha256 of the canonical serialization: identical for identical states, on every machine. */
export function hashPolicyState(state: PolicyState): string {
  return sha256Hex(canonicalPolicyState(state));
}

function sortedValues<V>(map: ReadonlyMap<string, V>): V[] {
  return [...map.keys()].sort().map((key) => map.get(key) as V);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
