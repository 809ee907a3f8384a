import { countryTable, TIER_DEFAULT, type CountryEntry } from './derive-facts.js';
import type { EnforcementNote } from './determination-result.js';
import { enforcementNoteTable } from './enforcement-notes.js';
import { PolicyInvalidError } from '../errors/domain-error.js';
import type { PolicyRule, PolicyState, RegimeState } from '../policy/policy-state.js';
import { compileCondition, type CompiledCondition, type ConditionProgram, type ConditionResult, type Conjunct } from '../rules/compile-condition.js';

export interface CompiledRule {
  /** The state's rule with every field in one order (fixedShapeRule). */
  rule: PolicyRule;
  condition: CompiledCondition;
  /** Null when the rule's regime is in force; otherwise why the rule is not applied. */
  notLive: string | null;
  /** Index into per-determination scratch arrays, unique within the compiled policy. */
  slot: number;
  /** For an exception: the slots of the requirement rules it covers that exist in this state. */
  coverSlots: number[];
  /** The condition's shared conjuncts, as ids into CompiledPolicy.shared. */
  shared: SharedRef[];
  /** What the condition requires of the item's ECCN and kind, as ids into CompiledPolicy.itemTests; -1 for nothing. */
  eccnTest: number;
  kindTest: number;
  /** Parameters its per-item part reads, as indexes into CompiledPolicy.parameterNames. */
  perItemParameters: number[];
  /** Its cap parameter as an index into CompiledPolicy.parameterNames; -1 without a cap. */
  capParameter: number;
}

export interface SharedRef {
  id: number;
  negated: boolean;
}

/** A shared conjunct, compiled once for every rule whose condition contains it. */
export interface SharedConjunct {
  key: string;
  program: ConditionProgram;
  /** Indexes into CompiledPolicy.parameterNames. */
  parameters: number[];
}

/**
 * What a condition requires of one item field: a set of allowed values (its literal guards), a
 * CEL part reading nothing but that field (`item.eccn.startsWith("3A090")`), or both. Its value
 * depends on the field's value alone.
 */
export interface ItemTest {
  field: 'eccn' | 'kind';
  allowed: ReadonlySet<string> | null;
  program: ConditionProgram | null;
}

/**
 * Item test values by field value (row index = test id), filled as values are met. The one
 * mutable thing in a compiled policy: it only caches what the tests return, so it changes no
 * result; it stops growing at ITEM_TEST_MEMO_LIMIT values per field.
 */
export interface ItemTestMemo {
  eccn: Map<string, (ConditionResult | undefined)[]>;
  kind: Map<string, (ConditionResult | undefined)[]>;
}

export const ITEM_TEST_MEMO_LIMIT = 4096;

/**
 * What determinations need from one policy state, derived once: every rule compiled, grouped by
 * kind and sorted by (priority, id), plus the parameter, country and enforcement tables.
 */
export interface CompiledPolicy {
  classification: readonly CompiledRule[];
  requirement: readonly CompiledRule[];
  exception: readonly CompiledRule[];
  /** Distinct shared conjuncts of all conditions (`destination.tier == 1.0` is evaluated once, whatever rules use it). */
  shared: readonly SharedConjunct[];
  /** Distinct item tests of all conditions, and their values by field value. */
  itemTests: readonly ItemTest[];
  itemTestMemo: ItemTestMemo;
  /** The CEL `params` map: every parameter's value by name. */
  params: Readonly<Record<string, number>>;
  /** Facts of every ISO country at this state. */
  countries: ReadonlyMap<string, CountryEntry>;
  /** Enforcement note of every regime in the state, by regime id. */
  enforcement: ReadonlyMap<string, EnforcementNote>;
  /** Every parameter some rule reads (in a condition or as a cap), sorted. */
  parameterNames: readonly string[];
  ruleCount: number;
  /** The estimated cost of running every condition for one item (evaluation-budget.ts). */
  itemCost: number;
}

/**
 * Compiles every rule of a policy state.
 * @throws PolicyInvalidError naming the rule (and, for CEL faults, the position in its condition)
 */
export function compilePolicy(state: PolicyState): CompiledPolicy {
  const rules = [...state.rules.values()].sort(byPriorityThenId);
  const requirementSlots = new Map(rules.flatMap((rule, slot) => (rule.kind === 'requirement' ? [[rule.id, slot] as const] : [])));
  const conditions = rules.map((rule) => {
    checkShape(rule);
    return compileCondition(rule.condition, rule.id);
  });
  const parameterNames = [...new Set([...conditions.flatMap((c) => c.parameters), ...rules.flatMap((rule) => (rule.cap ? [rule.cap.parameter] : []))])].sort();
  const indexOf = (name: string) => parameterNames.indexOf(name);
  const shared = new InternTable<SharedConjunct>();
  const sharedId = (c: Conjunct) => shared.idOf(c.key, () => ({ key: c.key, program: c.program, parameters: c.parameters.map(indexOf) }));
  const itemTests = new InternTable<ItemTest>();
  const itemTestId = (field: ItemTest['field'], allowed: ReadonlySet<string> | null, part: Conjunct | null): number => {
    if (allowed === null && part === null) return -1;
    const key = JSON.stringify([field, allowed && [...allowed].sort(), part?.key ?? null]);
    return itemTests.idOf(key, () => ({ field, allowed, program: part?.program ?? null }));
  };
  const compiled = rules.map((rule, slot): CompiledRule => {
    const condition = conditions[slot] as CompiledCondition;
    return {
      rule: fixedShapeRule(rule),
      condition,
      notLive: whyNotLive(rule.regime, state.regimes.get(rule.regime)),
      slot,
      coverSlots: (rule.covers ?? []).flatMap((id) => requirementSlots.get(id) ?? []),
      shared: condition.shared.map((conjunct) => ({ id: sharedId(conjunct), negated: conjunct.negated })),
      eccnTest: itemTestId('eccn', condition.eccnIn, condition.byEccn),
      kindTest: itemTestId('kind', condition.kindIn, null),
      perItemParameters: (condition.perItem?.parameters ?? []).map(indexOf),
      capParameter: rule.cap ? indexOf(rule.cap.parameter) : -1,
    };
  });
  const params: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const parameter of state.parameters.values()) params[parameter.name] = parameter.value;
  return {
    classification: compiled.filter((c) => c.rule.kind === 'classification'),
    requirement: compiled.filter((c) => c.rule.kind === 'requirement'),
    exception: compiled.filter((c) => c.rule.kind === 'exception'),
    shared: shared.entries,
    itemTests: itemTests.entries,
    itemTestMemo: { eccn: new Map(), kind: new Map() },
    params: Object.freeze(params),
    countries: countryTable(state, params[TIER_DEFAULT]),
    enforcement: enforcementNoteTable(state),
    parameterNames,
    ruleCount: compiled.length,
    itemCost: conditions.reduce((sum, condition) => sum + condition.cost, 0),
  };
}

/**
 * A copy of the rule with every field present, in one order. Rules reach a state from policy
 * files, amendments and stored events with different optional fields in different orders, so a
 * server that has compiled many states would read them through megamorphic property loads on the
 * hot path (the trace, the review policy, the caps); one shape keeps those loads monomorphic.
 */
function fixedShapeRule(rule: PolicyRule): PolicyRule {
  return {
    id: rule.id,
    regime: rule.regime,
    kind: rule.kind,
    condition: rule.condition,
    citation: rule.citation,
    explanation: rule.explanation,
    eccn: rule.eccn,
    reviewPolicy: rule.reviewPolicy,
    code: rule.code,
    covers: rule.covers,
    cap: rule.cap,
    conditions: rule.conditions,
    priority: rule.priority,
    changeId: rule.changeId,
    effectiveAt: rule.effectiveAt,
    source: rule.source,
  };
}

/** Parts shared by several conditions, one entry per canonical key. */
class InternTable<T> {
  readonly entries: T[] = [];
  private readonly ids = new Map<string, number>();

  idOf(key: string, make: () => T): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.entries.push(make()) - 1;
      this.ids.set(key, id);
    }
    return id;
  }
}

/** Rules without a priority run after those with one; ties break on id, so the order is total. */
function byPriorityThenId(a: PolicyRule, b: PolicyRule): number {
  const pa = a.priority ?? Number.MAX_SAFE_INTEGER;
  const pb = b.priority ?? Number.MAX_SAFE_INTEGER;
  if (pa !== pb) return pa - pb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function whyNotLive(id: string, regime: RegimeState | undefined): string | null {
  if (!regime) return `not applied: regime ${id} is not in force (not enacted at this valid time)`;
  if (regime.legalStatus === 'RESCINDED') {
    return `not applied: regime ${id} rescinded from ${regime.legalSince.effectiveAt} (${regime.legalSince.source.citation})`;
  }
  return null;
}

function checkShape(rule: PolicyRule): void {
  const fault = shapeFault(rule);
  if (fault) throw new PolicyInvalidError(`rule ${rule.id}: ${fault.message}`, { ruleId: rule.id, field: fault.field });
}

function shapeFault(rule: PolicyRule): { field: string; message: string } | undefined {
  switch (rule.kind) {
    case 'classification':
      return rule.eccn ? undefined : { field: 'eccn', message: 'a classification rule must name the eccn it assigns' };
    case 'requirement':
      return undefined;
    case 'exception':
      if (!rule.code) return { field: 'code', message: 'an exception rule must have a code, e.g. "LPP"' };
      if (!rule.covers?.length) return { field: 'covers', message: 'an exception rule must list the requirements it covers' };
      return undefined;
    default:
      return { field: 'kind', message: `unknown rule kind '${String((rule as { kind: unknown }).kind)}'` };
  }
}
