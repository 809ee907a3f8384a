import type { DeterminationResult } from '../determination/determination-result.js';
import type { PolicyEvent, RecordedPolicyEvent } from '../policy/policy-events.js';
import type { PolicyCoordinates } from '../policy/policy-state.js';
import type { PolicyTimeline } from '../policy/policy-timeline.js';
import type { PolicySource } from '../policy/policy-source.js';
import { instantMs, type Instant } from '../time/instant.js';

export interface ReplayCause {
  changeId: string;
  type: PolicyEvent['type'];
  effectiveAt: Instant;
  recordedAt: Instant;
  source: PolicySource;
}

/** What a determination looked at: the policy changes that touch these can change its answer. */
interface Consulted {
  rules: Set<string>;
  regimes: Set<string>;
  countries: Set<string>;
  parameters: Set<string>;
}

/**
 * The policy changes in force at one pair of coordinates and not the other (including the
 * retractions that voided them) that touched a rule, regime, country or parameter either
 * determination consulted, in effective-date order.
 */
export function replayCauses(
  timeline: PolicyTimeline,
  from: { coordinates: PolicyCoordinates; result: DeterminationResult },
  to: { coordinates: PolicyCoordinates; result: DeterminationResult },
): ReplayCause[] {
  const before = timeline.changesInForce(from.coordinates);
  const after = timeline.changesInForce(to.coordinates);
  const consulted = consultedBy([from.result, to.result], [...before, ...after]);
  const beforeIds = new Set(before.map(changeIdOf));
  const afterIds = new Set(after.map(changeIdOf));
  const differing = [...before.filter((c) => !afterIds.has(changeIdOf(c))), ...after.filter((c) => !beforeIds.has(changeIdOf(c)))];
  const touching = differing.filter(({ event }) => touches(event, consulted));
  const touchedIds = new Set(touching.map(changeIdOf));
  const retractions = timeline.events.filter(({ event }) => event.type === 'PolicyChangeRetracted' && touchedIds.has(event.data.retractedChangeId));
  return [...touching, ...retractions]
    .sort((a, b) => instantMs(a.event.data.effectiveAt) - instantMs(b.event.data.effectiveAt) || a.position - b.position)
    .map(toCause);
}

function consultedBy(results: DeterminationResult[], changes: RecordedPolicyEvent[]): Consulted {
  const consulted: Consulted = { rules: new Set(), regimes: new Set(), countries: new Set(), parameters: new Set(['tier.default']) };
  for (const result of results) {
    for (const entry of result.trace) consulted.rules.add(entry.ruleId);
    for (const note of result.enforcement) consulted.regimes.add(note.regime);
    collectFacts(result.facts, consulted);
  }
  for (const { event } of changes) {
    if ((event.type === 'RuleAdded' || event.type === 'RuleAmended') && consulted.rules.has(event.data.rule.id)) {
      consulted.regimes.add(event.data.rule.regime);
    }
  }
  return consulted;
}

function collectFacts(facts: Record<string, unknown>, consulted: Consulted): void {
  const destination = facts.destination as { country?: string } | undefined;
  const consignee = facts.consignee as Record<string, string> | undefined;
  for (const country of [destination?.country, consignee?.country, consignee?.headquarters, consignee?.ultimateParent]) {
    if (country) consulted.countries.add(country);
  }
  for (const name of Object.keys((facts.parameters as Record<string, number> | undefined) ?? {})) consulted.parameters.add(name);
}

function touches(event: PolicyEvent, consulted: Consulted): boolean {
  switch (event.type) {
    case 'CountryTierReassigned':
    case 'CountryGroupsChanged':
      return consulted.countries.has(event.data.country);
    case 'ThresholdChanged':
      return consulted.parameters.has(event.data.parameter);
    case 'RuleAdded':
    case 'RuleAmended':
      return consulted.rules.has(event.data.rule.id);
    case 'RuleRepealed':
      return consulted.rules.has(event.data.ruleId);
    case 'RegimeEnacted':
    case 'RegimeRescinded':
    case 'RegimeReinstated':
    case 'RegimeEnforcementSuspended':
    case 'RegimeEnforcementResumed':
      return consulted.regimes.has(event.data.regime);
    case 'PolicyChangeRetracted':
      return false;
  }
}

function changeIdOf(recorded: RecordedPolicyEvent): string {
  return recorded.event.data.changeId;
}

function toCause({ event, recordedAt }: RecordedPolicyEvent): ReplayCause {
  const { changeId, effectiveAt, source } = event.data;
  return { changeId, type: event.type, effectiveAt, recordedAt, source };
}
