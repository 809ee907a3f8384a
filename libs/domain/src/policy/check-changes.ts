import { isCountryCode } from '../countries/iso-3166.js';
import { PolicyInvalidError } from '../errors/domain-error.js';
import { FACT_LIST_LENGTH } from '../rules/cel-environment.js';
import { compileCondition } from '../rules/compile-condition.js';
import { ConditionInvalidError } from '../rules/condition-error.js';
import type { RuleDefinition } from '../rules/rule-definition.js';
import { instantFromMs, instantMs, parseInstant } from '../time/instant.js';
import { changeId } from './change-to-event.js';
import { KnownPolicyDraft, type KnownPolicy } from './known-policy.js';
import type { PolicyChange } from './policy-change.js';

/** One thing wrong with one change. `field` is a dotted path inside the change, e.g. `rule.covers.1`. */
export interface ChangeProblem {
  changeIndex: number;
  field: string;
  message: string;
  /** Offset in the CEL condition, for a condition that does not compile. */
  position?: number;
}

export interface CheckChangesOptions {
  /** The amendment (or policy file) the changes belong to: names their change ids in messages. */
  amendmentId?: string;
}

/** Every problem of a list of changes, reported at once; `details.problems` lists them. */
export class PolicyChangesInvalidError extends PolicyInvalidError {
  constructor(readonly problems: readonly ChangeProblem[]) {
    const [first] = problems;
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((problem) => `changes[${problem.changeIndex}].${problem.field}: ${problem.message}`);
    super(`changes invalid (${count}):\n${lines.join('\n')}`, {
      changeIndex: first.changeIndex,
      field: first.field,
      ...(first.position === undefined ? {} : { position: first.position }),
    });
    Object.assign(this.details, { problems: problems.map((problem) => ({ ...problem })) });
  }
}

/**
 * Validates changes against what the policy already holds (knownPolicyOf its events, or of
 * earlier policy files). Changes earlier in the list count as known for later ones; an exception
 * may cover a requirement added anywhere in the list, since the list is published as one.
 * A rule id is added once while it stands: AMEND_RULE and REPEAL_RULE need a standing rule, and
 * a repealed id may be added again (the law re-issues a provision under its old number). A regime
 * is enacted once, unless its enactment was retracted (recorded with a wrong date or source).
 * Instants must be canonical (the DateTime scalar and the policy-file reader produce them).
 * @throws PolicyChangesInvalidError (POLICY_INVALID) listing every problem
 */
export function checkChanges(changes: readonly PolicyChange[], known: KnownPolicy, options: CheckChangesOptions = {}): void {
  const problems = changeProblems(changes, known, options);
  if (problems.length > 0) throw new PolicyChangesInvalidError(problems);
}

/** The problems checkChanges would throw, for callers that place them themselves (policy files). */
export function changeProblems(changes: readonly PolicyChange[], known: KnownPolicy, options: CheckChangesOptions = {}): ChangeProblem[] {
  const checker = new ChangeChecker(known, options.amendmentId, requirementsAdded(changes));
  changes.forEach((change, index) => checker.check(change, index));
  return checker.problems;
}

const RULE_KINDS: readonly string[] = ['classification', 'requirement', 'exception'];
const REVIEW_POLICIES: readonly string[] = ['PRESUMPTION_OF_APPROVAL', 'CASE_BY_CASE', 'PRESUMPTION_OF_DENIAL'];
const CAP_MEASURES: readonly string[] = ['totalTpp', 'quantity'];
/** EAR country groups (15 CFR part 740 Supp. 1): a letter and a number. Macau and the like are countries, not groups. */
const COUNTRY_GROUP = /^[A-Z]:\d{1,6}$/;
const EXCEPTION_CODE = /^[A-Z0-9]+$/;
const CONDITION_CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

class ChangeChecker {
  readonly problems: ChangeProblem[] = [];
  private readonly known: KnownPolicyDraft;
  private index = 0;

  constructor(
    known: KnownPolicy,
    private readonly amendmentId: string | undefined,
    private readonly requirementsHere: ReadonlySet<string>,
  ) {
    this.known = new KnownPolicyDraft(known);
  }

  check(change: PolicyChange, index: number): void {
    this.index = index;
    const effectiveMs = this.instant(change.effectiveAt);
    const here = this.amendmentId === undefined ? `change ${index} of this list` : changeId(this.amendmentId, index);
    switch (change.type) {
      case 'REASSIGN_TIER':
        this.country(change.country);
        if (change.tier !== 1 && change.tier !== 2 && change.tier !== 3) this.report('tier', `must be 1, 2 or 3, got ${shown(change.tier)}`);
        return;
      case 'CHANGE_COUNTRY_GROUPS':
        this.country(change.country);
        this.groups(change.groups);
        return;
      case 'SET_THRESHOLD':
        if (this.text('parameter', change.parameter) && effectiveMs !== undefined) this.known.set(change.parameter, effectiveMs);
        if (typeof change.value !== 'number' || !Number.isFinite(change.value)) this.report('value', `must be a finite number, got ${shown(change.value)}`);
        this.text('unit', change.unit);
        return;
      case 'ADD_RULE': {
        if (!this.ruleShape(change.rule)) return;
        const existing = this.known.rules.get(change.rule.id);
        if (existing && !existing.repealed) this.report('rule.id', `rule '${change.rule.id}' is already added by ${existing.addedBy}: use AMEND_RULE`);
        this.known.add(change.rule.id, change.rule.kind, here);
        this.rule(change.rule, effectiveMs);
        return;
      }
      case 'AMEND_RULE': {
        if (!this.ruleShape(change.rule)) return;
        const existing = this.known.rules.get(change.rule.id);
        if (!existing || existing.repealed)
          this.report('rule.id', `rule '${change.rule.id}' is not in force: it was never added${existing ? ' or was repealed' : ''}`);
        else this.known.amend(change.rule.id, change.rule.kind);
        this.rule(change.rule, effectiveMs);
        return;
      }
      case 'REPEAL_RULE': {
        if (!this.text('ruleId', change.ruleId)) return;
        const existing = this.known.rules.get(change.ruleId);
        if (!existing || existing.repealed)
          this.report('ruleId', `rule '${change.ruleId}' is not in force: it was never added${existing ? ' or was already repealed' : ''}`);
        else this.known.repeal(change.ruleId);
        return;
      }
      case 'ENACT_REGIME': {
        this.text('title', change.title);
        if (!this.text('regime', change.regime)) return;
        const enactedBy = this.known.regimes.get(change.regime);
        if (enactedBy) this.report('regime', `regime '${change.regime}' is already enacted by ${enactedBy}`);
        else this.known.enact(change.regime, here);
        return;
      }
      case 'SUSPEND_ENFORCEMENT':
      case 'RESUME_ENFORCEMENT':
      case 'RESCIND_REGIME':
      case 'REINSTATE_REGIME':
        this.regime('regime', change.regime);
        return;
      case 'RETRACT_CHANGE':
        this.retraction(change.changeId);
        this.known.retract(change.changeId);
        return;
      default: {
        const unknown: never = change;
        this.report('type', `unknown change type ${shown((unknown as { type: unknown }).type)}`);
      }
    }
  }

  private rule(rule: RuleDefinition, effectiveMs: number | undefined): void {
    if (!RULE_KINDS.includes(rule.kind)) this.report('rule.kind', `must be one of ${RULE_KINDS.join(', ')}, got ${shown(rule.kind)}`);
    this.regime('rule.regime', rule.regime);
    if (rule.reviewPolicy !== undefined && !REVIEW_POLICIES.includes(rule.reviewPolicy)) {
      this.report('rule.reviewPolicy', `must be one of ${REVIEW_POLICIES.join(', ')}, got ${shown(rule.reviewPolicy)}`);
    }
    if (rule.kind === 'classification' && !nonEmpty(rule.eccn)) this.report('rule.eccn', 'a classification rule needs the ECCN it assigns');
    if (rule.kind === 'exception' && !(typeof rule.code === 'string' && EXCEPTION_CODE.test(rule.code))) {
      this.report('rule.code', `an exception needs an upper-case code such as LPP, got ${shown(rule.code)}`);
    }
    this.condition(rule, effectiveMs);
    this.text('rule.citation', rule.citation);
    this.text('rule.explanation', rule.explanation);
    if (rule.cap) this.cap(rule.cap);
    this.covers(rule);
    if (rule.conditions !== undefined) this.conditions(rule);
  }

  /** An exception's conditions: each a code such as PRIOR_NOTIFICATION, once, with a description. */
  private conditions(rule: RuleDefinition): void {
    const conditions = rule.conditions as unknown;
    if (rule.kind !== 'exception') {
      this.report('rule.conditions', 'only an exception has conditions the exporter must meet');
      return;
    }
    if (!Array.isArray(conditions)) {
      this.report('rule.conditions', `must be a list of conditions, got ${shown(conditions)}`);
      return;
    }
    const codes = new Set<string>();
    conditions.forEach((condition: unknown, i) => {
      const at = `rule.conditions.${i}`;
      if (typeof condition !== 'object' || condition === null) {
        this.report(at, `must be a condition with a code and a description, got ${shown(condition)}`);
        return;
      }
      const { code, description, citation } = condition as Record<string, unknown>;
      if (typeof code !== 'string' || !CONDITION_CODE.test(code))
        this.report(`${at}.code`, `must be upper-case words joined by _, such as PRIOR_NOTIFICATION, got ${shown(code)}`);
      else if (codes.has(code)) this.report(`${at}.code`, `'${code}' is listed twice`);
      else codes.add(code);
      this.text(`${at}.description`, description);
      if (citation !== undefined && citation !== null) this.text(`${at}.citation`, citation);
    });
  }

  /** The fields the rest of the checks rely on: an object with an id. */
  private ruleShape(rule: RuleDefinition | undefined): rule is RuleDefinition {
    if (typeof rule !== 'object' || rule === null) {
      this.report('rule', 'is required');
      return false;
    }
    return this.text('rule.id', rule.id);
  }

  private condition(rule: RuleDefinition, effectiveMs: number | undefined): void {
    if (!this.text('rule.condition', rule.condition)) return;
    let parameters: string[];
    try {
      parameters = compileCondition(rule.condition, rule.id).parameters;
    } catch (error) {
      if (!(error instanceof ConditionInvalidError)) throw error;
      this.report('rule.condition', error.message, error.location.position);
      return;
    }
    if (effectiveMs === undefined) return;
    for (const name of parameters) {
      const from = this.known.parameters.get(name);
      if (from === undefined || from > effectiveMs) {
        const on = instantFromMs(effectiveMs).slice(0, 10);
        this.report('rule.condition', `reads params["${name}"], which no change sets effective on or before ${on}`);
      }
    }
  }

  private cap(cap: NonNullable<RuleDefinition['cap']>): void {
    if (this.text('rule.cap.parameter', cap.parameter) && !this.known.parameters.has(cap.parameter)) {
      this.report('rule.cap.parameter', `parameter '${cap.parameter}' is not set by the policy or an earlier change`);
    }
    if (!CAP_MEASURES.includes(cap.measure)) this.report('rule.cap.measure', `must be one of ${CAP_MEASURES.join(', ')}, got ${shown(cap.measure)}`);
  }

  private covers(rule: RuleDefinition): void {
    if (rule.kind !== 'exception') return;
    if (!Array.isArray(rule.covers) || rule.covers.length === 0) {
      this.report('rule.covers', 'an exception must cover at least one requirement');
      return;
    }
    rule.covers.forEach((id, i) => {
      const covered = this.known.rules.get(id);
      if (covered?.kind === 'requirement' || this.requirementsHere.has(id)) return;
      this.report(`rule.covers.${i}`, covered ? `'${id}' is a ${covered.kind} rule, not a requirement` : `unknown requirement '${id}'`);
    });
  }

  private regime(field: string, regime: string): void {
    if (this.text(field, regime) && !this.known.regimes.has(regime)) {
      this.report(field, `regime '${regime}' is not enacted by the policy or an earlier change`);
    }
  }

  private retraction(id: string): void {
    if (!this.text('changeId', id) || this.known.changeIds.has(id)) return;
    const ownPrefix = this.amendmentId === undefined ? undefined : `${this.amendmentId}#`;
    if (ownPrefix !== undefined && id.startsWith(ownPrefix)) {
      this.report('changeId', `'${id}' is a change of this same list: leave it out instead of retracting it`);
    } else {
      this.report('changeId', `no recorded change has id '${id}'`);
    }
  }

  private country(code: string): void {
    if (this.text('country', code) && !isCountryCode(code)) this.report('country', `'${code}' is not an ISO 3166-1 alpha-2 country code`);
  }

  private groups(groups: string[]): void {
    if (!Array.isArray(groups)) {
      this.report('groups', `must be a list of country groups such as D:5, got ${shown(groups)}`);
      return;
    }
    // The cost estimate of conditions relies on this bound (rules/cel-environment.ts).
    if (groups.length > FACT_LIST_LENGTH) this.report('groups', `must list at most ${FACT_LIST_LENGTH} groups, got ${groups.length}`);
    groups.forEach((group, i) => {
      if (typeof group !== 'string' || !COUNTRY_GROUP.test(group)) this.report(`groups.${i}`, `${shown(group)} is not a country group such as D:5 or A:6`);
      else if (groups.indexOf(group) < i) this.report(`groups.${i}`, `'${group}' is listed twice`);
    });
  }

  /** The instant in ms, or undefined (reported) when it is not a canonical instant. */
  private instant(text: string): number | undefined {
    if (typeof text === 'string' && canonical(text)) return instantMs(text);
    this.report('effectiveAt', `${shown(text)} is not an instant such as 2025-05-15T00:00:00.000Z`);
    return undefined;
  }

  /** True when the field is a non-blank string; reports it otherwise. */
  private text(field: string, value: unknown): value is string {
    if (nonEmpty(value)) return true;
    this.report(field, value === undefined || value === null ? 'is required' : `must not be empty, got ${shown(value)}`);
    return false;
  }

  private report(field: string, message: string, position?: number): void {
    this.problems.push({ changeIndex: this.index, field, message, ...(position === undefined ? {} : { position }) });
  }
}

function canonical(text: string): boolean {
  try {
    return parseInstant(text) === text;
  } catch {
    return false;
  }
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Requirement ids the list adds: an exception in the same list may cover them wherever they are written. */
function requirementsAdded(changes: readonly PolicyChange[]): Set<string> {
  const ids = new Set<string>();
  for (const change of changes) {
    if (change.type === 'ADD_RULE' && change.rule?.kind === 'requirement') ids.add(change.rule.id);
  }
  return ids;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${value}'`;
  return JSON.stringify(value) ?? String(value);
}
