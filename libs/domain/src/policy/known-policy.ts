import type { RuleKind } from '../rules/rule-definition.js';
import { instantMs } from '../time/instant.js';
import { assertNever } from './change-to-event.js';
import type { PolicyEvent, RecordedPolicyEvent } from './policy-events.js';

export interface KnownRule {
  kind: RuleKind;
  /** The change that last added it. */
  addedBy: string;
  repealed: boolean;
}

/**
 * What a policy already holds, as far as a new change may refer to it. It is structural: the
 * order of recording counts, valid time does not (a rule repealed from next year is repealed).
 * Retractions un-know one thing only: a retracted enactment, so that a regime enacted with a
 * wrong date or source can be enacted again correctly. Nothing else becomes impossible because an
 * earlier change was voided (AMEND_RULE replaces a whole rule).
 */
export interface KnownPolicy {
  /** Rule ids ever added, with the kind and repeal the latest change gave them. */
  rules: ReadonlyMap<string, KnownRule>;
  /** Regimes ever enacted, with the change that enacted them. */
  regimes: ReadonlyMap<string, string>;
  /** Parameters ever set, with the earliest effectiveAt (ms) any change sets them from. */
  parameters: ReadonlyMap<string, number>;
  /** Every change id recorded: what a retraction may name. */
  changeIds: ReadonlySet<string>;
}

/** The KnownPolicy of a policy stream, recorded (from the store) or not (an offline list). */
export function knownPolicyOf(events: readonly RecordedPolicyEvent[] | readonly PolicyEvent[]): KnownPolicy {
  const known = new KnownPolicyDraft();
  for (const item of events) known.learnEvent('event' in item ? item.event : item);
  return known;
}

/** A KnownPolicy that grows as changes are learnt; checkChanges learns each change after checking it. */
export class KnownPolicyDraft implements KnownPolicy {
  readonly rules: Map<string, KnownRule>;
  readonly regimes: Map<string, string>;
  readonly parameters: Map<string, number>;
  readonly changeIds: Set<string>;

  constructor(from?: KnownPolicy) {
    this.rules = new Map(from?.rules);
    this.regimes = new Map(from?.regimes);
    this.parameters = new Map(from?.parameters);
    this.changeIds = new Set(from?.changeIds);
  }

  /** A second enactment is refused by checkChanges; if one was recorded anyway, the first stands. */
  enact(regime: string, by: string): void {
    if (!this.regimes.has(regime)) this.regimes.set(regime, by);
  }

  /** A retraction of a regime's enactment: the regime may be enacted again. */
  retract(changeId: string): void {
    for (const [regime, by] of this.regimes) if (by === changeId) this.regimes.delete(regime);
  }

  add(ruleId: string, kind: RuleKind, by: string): void {
    this.rules.set(ruleId, { kind, addedBy: by, repealed: false });
  }

  amend(ruleId: string, kind: RuleKind): void {
    const rule = this.rules.get(ruleId);
    if (rule) this.rules.set(ruleId, { ...rule, kind });
  }

  repeal(ruleId: string): void {
    const rule = this.rules.get(ruleId);
    if (rule) this.rules.set(ruleId, { ...rule, repealed: true });
  }

  set(parameter: string, effectiveMs: number): void {
    const earliest = this.parameters.get(parameter);
    this.parameters.set(parameter, earliest === undefined ? effectiveMs : Math.min(earliest, effectiveMs));
  }

  learnEvent(event: PolicyEvent): void {
    const { data } = event;
    this.changeIds.add(data.changeId);
    switch (event.type) {
      case 'RegimeEnacted':
        return this.enact(event.data.regime, data.changeId);
      case 'RuleAdded':
        return this.add(event.data.rule.id, event.data.rule.kind, data.changeId);
      case 'RuleAmended':
        return this.amend(event.data.rule.id, event.data.rule.kind);
      case 'RuleRepealed':
        return this.repeal(event.data.ruleId);
      case 'ThresholdChanged':
        return this.set(event.data.parameter, instantMs(data.effectiveAt));
      case 'CountryTierReassigned':
      case 'CountryGroupsChanged':
      case 'RegimeEnforcementSuspended':
      case 'RegimeEnforcementResumed':
      case 'RegimeRescinded':
      case 'RegimeReinstated':
        return;
      case 'PolicyChangeRetracted':
        return this.retract(event.data.retractedChangeId);
      default:
        return assertNever(event);
    }
  }
}
