import type { PolicyChange, PolicyDocument } from './policy-change.js';
import type { PolicyChangeMeta, PolicyEvent } from './policy-events.js';

export function changeId(amendmentId: string, index: number): string {
  return `${amendmentId}#${index}`;
}

/** The events an amendment's changes become when published, in the order written. */
export function documentToEvents(document: PolicyDocument): PolicyEvent[] {
  return document.changes.map((change, index) =>
    changeToEvent(change, {
      changeId: changeId(document.id, index),
      amendmentId: document.id,
      effectiveAt: change.effectiveAt,
      source: change.source ?? document.source,
      rationale: document.rationale,
      ...optional('confidence', change.confidence ?? document.confidence),
      ...optional('note', change.note),
    }),
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

export function changeToEvent(change: PolicyChange, meta: PolicyChangeMeta): PolicyEvent {
  switch (change.type) {
    case 'REASSIGN_TIER':
      return { type: 'CountryTierReassigned', data: { ...meta, country: change.country, tier: change.tier } };
    case 'CHANGE_COUNTRY_GROUPS':
      return { type: 'CountryGroupsChanged', data: { ...meta, country: change.country, groups: [...change.groups].sort() } };
    case 'SET_THRESHOLD':
      return { type: 'ThresholdChanged', data: { ...meta, parameter: change.parameter, value: change.value, unit: change.unit } };
    case 'ADD_RULE':
      return { type: 'RuleAdded', data: { ...meta, rule: change.rule } };
    case 'AMEND_RULE':
      return { type: 'RuleAmended', data: { ...meta, rule: change.rule } };
    case 'REPEAL_RULE':
      return { type: 'RuleRepealed', data: { ...meta, ruleId: change.ruleId } };
    case 'ENACT_REGIME':
      return { type: 'RegimeEnacted', data: { ...meta, regime: change.regime, title: change.title } };
    case 'SUSPEND_ENFORCEMENT':
      return { type: 'RegimeEnforcementSuspended', data: { ...meta, regime: change.regime } };
    case 'RESUME_ENFORCEMENT':
      return { type: 'RegimeEnforcementResumed', data: { ...meta, regime: change.regime } };
    case 'RESCIND_REGIME':
      return { type: 'RegimeRescinded', data: { ...meta, regime: change.regime } };
    case 'REINSTATE_REGIME':
      return { type: 'RegimeReinstated', data: { ...meta, regime: change.regime } };
    case 'RETRACT_CHANGE':
      return { type: 'PolicyChangeRetracted', data: { ...meta, retractedChangeId: change.changeId } };
    default:
      return assertNever(change);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
}
