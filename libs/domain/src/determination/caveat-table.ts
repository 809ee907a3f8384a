import type { PolicyState, Provenance } from '../policy/policy-state.js';
import type { CompiledPolicy } from '../rules/compile-policy.js';
import type { Caveat } from './determination-result.js';

/**
 * The caveat of each piece of one policy state whose provenance is an UNCONFIRMED change: rules
 * by slot, parameters by index into parameterNames, countries (tier and groups) by code, regimes
 * (enforcement status) by id. Built once per state and frozen; results share the caveats.
 */
export interface CaveatTable {
  rules: readonly (Caveat | null)[];
  parameters: readonly (Caveat | null)[];
  countries: ReadonlyMap<string, readonly Caveat[]>;
  regimes: ReadonlyMap<string, Caveat>;
}

/**
 * Keyed by the state itself, not its compiled policy: compiled policies are shared by states of
 * equal hash, and the notes are not hashed (policy-state.ts). Slots and parameter indexes are the
 * same in every compilation of equal states.
 */
const tables = new WeakMap<PolicyState, CaveatTable>();

export function caveatTableOf(policy: CompiledPolicy, state: PolicyState): CaveatTable {
  let table = tables.get(state);
  if (table === undefined) {
    table = buildTable(policy, state);
    tables.set(state, table);
  }
  return table;
}

function buildTable(policy: CompiledPolicy, state: PolicyState): CaveatTable {
  const notes = state.unconfirmed;
  const caveat = (subject: string, from: Provenance | undefined, ruleId?: string): Caveat | null => {
    const note = from === undefined ? undefined : notes.get(from.changeId);
    if (note === undefined || from === undefined) return null;
    return Object.freeze({ subject, ...(ruleId === undefined ? {} : { ruleId }), changeId: from.changeId, confidence: 'UNCONFIRMED', note });
  };
  const rules = new Array<Caveat | null>(policy.ruleCount).fill(null);
  if (notes.size > 0) {
    for (const group of [policy.classification, policy.requirement, policy.exception]) {
      for (const { rule, slot } of group) rules[slot] = caveat(`rule ${rule.id}`, rule, rule.id);
    }
  }
  const parameters = policy.parameterNames.map((name) => caveat(`parameter ${name}`, state.parameters.get(name)));
  const countries = new Map<string, readonly Caveat[]>();
  for (const entry of state.countries.values()) {
    const found = [
      entry.tier === null ? null : caveat(`tier of ${entry.country}`, entry.tierSet),
      caveat(`country groups of ${entry.country}`, entry.groupsSet),
    ].filter((each): each is Caveat => each !== null);
    if (found.length > 0) countries.set(entry.country, Object.freeze(found));
  }
  const regimes = new Map<string, Caveat>();
  for (const regime of state.regimes.values()) {
    const found = caveat(`enforcement of ${regime.id}`, regime.enforcementSince);
    if (found) regimes.set(regime.id, found);
  }
  return { rules, parameters, countries, regimes };
}
