import type { PolicyChangeMeta, PolicyEvent } from './policy-events.js';
import type { CountryClassification, PolicyState, Provenance, RegimeState } from './policy-state.js';
import { assertNever } from './change-to-event.js';

export function emptyPolicyState(): PolicyState {
  return { countries: new Map(), parameters: new Map(), rules: new Map(), regimes: new Map(), unconfirmed: new Map() };
}

/** What a caveat says of an UNCONFIRMED change that carries no note of its own. */
export const NO_NOTE = 'marked UNCONFIRMED without a note';

/**
 * Applies one policy event. Total: stored events are facts, so an event that no longer fits
 * (a status change for a regime not yet enacted at this valid time) leaves the state as it is.
 * Copy-on-write: only the map an event touches is copied, so snapshots share the rest.
 */
export function evolvePolicyState(state: PolicyState, event: PolicyEvent): PolicyState {
  const next = applyChange(state, event);
  if (event.data.confidence !== 'UNCONFIRMED' || next === state) return next;
  return { ...next, unconfirmed: withEntry(next.unconfirmed, event.data.changeId, event.data.note ?? NO_NOTE) };
}

function applyChange(state: PolicyState, event: PolicyEvent): PolicyState {
  const from = provenance(event.data);
  switch (event.type) {
    case 'RegimeEnacted': {
      const regime: RegimeState = {
        id: event.data.regime,
        title: event.data.title,
        legalStatus: 'IN_FORCE',
        legalSince: from,
        enforcementStatus: 'ENFORCED',
        enforcementSince: from,
      };
      return { ...state, regimes: withEntry(state.regimes, regime.id, regime) };
    }
    case 'RegimeRescinded':
      return updateRegime(state, event.data.regime, { legalStatus: 'RESCINDED', legalSince: from });
    case 'RegimeReinstated':
      return updateRegime(state, event.data.regime, { legalStatus: 'REINSTATED', legalSince: from });
    case 'RegimeEnforcementSuspended':
      return updateRegime(state, event.data.regime, { enforcementStatus: 'SUSPENDED', enforcementSince: from });
    case 'RegimeEnforcementResumed':
      return updateRegime(state, event.data.regime, { enforcementStatus: 'ENFORCED', enforcementSince: from });
    case 'CountryTierReassigned':
      return updateCountry(state, event.data.country, { tier: event.data.tier, tierSet: from });
    case 'CountryGroupsChanged':
      return updateCountry(state, event.data.country, { groups: [...event.data.groups].sort(), groupsSet: from });
    case 'ThresholdChanged': {
      const { parameter: name, value, unit } = event.data;
      return { ...state, parameters: withEntry(state.parameters, name, { name, value, unit, ...from }) };
    }
    case 'RuleAdded':
    case 'RuleAmended':
      return { ...state, rules: withEntry(state.rules, event.data.rule.id, { ...event.data.rule, ...from }) };
    case 'RuleRepealed':
      return { ...state, rules: withoutEntry(state.rules, event.data.ruleId) };
    case 'PolicyChangeRetracted':
      // Retractions act on knowledge, not on valid time: the timeline drops the voided change.
      return state;
    default:
      return assertNever(event);
  }
}

function provenance(meta: PolicyChangeMeta): Provenance {
  return { changeId: meta.changeId, effectiveAt: meta.effectiveAt, source: meta.source };
}

function updateRegime(state: PolicyState, id: string, patch: Partial<RegimeState>): PolicyState {
  const regime = state.regimes.get(id);
  if (!regime) return state;
  return { ...state, regimes: withEntry(state.regimes, id, { ...regime, ...patch }) };
}

function updateCountry(state: PolicyState, country: string, patch: Partial<CountryClassification>): PolicyState {
  const current = state.countries.get(country) ?? { country, tier: null, groups: [] };
  return { ...state, countries: withEntry(state.countries, country, { ...current, ...patch }) };
}

function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}

function withoutEntry<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}
