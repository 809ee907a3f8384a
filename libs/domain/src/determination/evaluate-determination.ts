import type { PolicyVersion } from '../policy/policy-state.js';
import { UNSTATED_READINGS, type ItemFactsValue } from '../rules/cel-environment.js';
import type { CelActivation } from '../rules/compile-condition.js';
import { compilePolicy, type CompiledPolicy } from './compile-policy.js';
import { checkEvaluationBudget } from './evaluation-budget.js';
import type { ReviewPolicy } from '../rules/rule-definition.js';
import { consigneeFacts, itemFacts, TIER_DEFAULT, type CountryEntry } from './derive-facts.js';
import type { DeterminationInput, ItemInput, LedgerFigures } from './determination-input.js';
import type { DeterminationResult, EnforcementNote, ExceptionCondition, ItemResult, Outcome } from './determination-result.js';
import { DeterminationScratch } from './determination-scratch.js';
import { caveatTableOf } from './caveat-table.js';
import { conditionMemoOf, FULL_RESULT_BOUND, type ConditionMemo } from './condition-memo.js';
import { evaluateItem } from './evaluate-item.js';
import { addConditions } from './exception-conditions.js';
import { contextUnstated, itemUnstated } from './fact-notes.js';
import { RulingNotes } from './ruling-notes.js';
import { stricterOutcome, stricterReview } from './restrictiveness.js';
import { validateDeterminationInput } from './validate-input.js';

/**
 * Recorded with every determination; a replay under another engine version may differ for that
 * reason alone. Bump it whenever the semantics in docs/adr/006-determination-semantics.md change.
 */
export const ENGINE_VERSION = '2.0.0+cel-js.8.0.0.re2js.2.10.0';

const NO_LEDGER: LedgerFigures = Object.freeze({});

export interface EvaluateOptions {
  /** Year-to-date amounts already drawn from capped exceptions for this consignee. */
  ledger?: LedgerFigures;
  /** The compiled rules of `version.state`, e.g. from a CompiledPolicyCache; compiled here if absent. */
  compiled?: CompiledPolicy;
}

/**
 * Decides an export against one policy version: pure and deterministic, so the same input,
 * version and ledger figures always give byte-identical JSON.
 * @throws InvalidInputError for an input that fails validateDeterminationInput
 * @throws EvaluationBudgetExceededError (QUOTA_EXCEEDED) when the policy's rules cost too much for this many items
 */
export function evaluateDetermination(input: DeterminationInput, version: PolicyVersion, options: EvaluateOptions = {}): DeterminationResult {
  const run = new DeterminationRun(input, version, options);
  run.decide(input.items.length);
  return run.result();
}

/**
 * evaluateDetermination taken a few items at a time, for a caller that lets other work run between
 * them (the API gives the event loop a turn between slices of a large evaluation): the items are
 * decided in order on one scratch (ledger draws, trace, notes), so deciding them in any number of
 * slices and then taking the result gives exactly evaluateDetermination's answer.
 */
export class DeterminationRun {
  private readonly policy: CompiledPolicy;
  private readonly parties: Parties;
  private readonly endUse: string;
  private readonly transaction: string;
  private readonly ledger: LedgerFigures;
  private readonly notes: RulingNotes;
  private readonly scratch: DeterminationScratch;
  private readonly items: ItemFactsValue[] = [];
  private readonly results: ItemResult[] = [];
  private outcome: Outcome = 'NO_LICENSE_REQUIRED';
  private reviewPolicy: ReviewPolicy | null = null;
  private readonly exceptions: string[] = [];
  private readonly conditions: ExceptionCondition[] = [];

  /**
   * @throws InvalidInputError for an input that fails validateDeterminationInput
   * @throws EvaluationBudgetExceededError (QUOTA_EXCEEDED) when the policy's rules cost too much for this many items
   */
  constructor(
    private readonly input: DeterminationInput,
    private readonly version: PolicyVersion,
    options: EvaluateOptions = {},
  ) {
    validateDeterminationInput(input);
    this.policy = options.compiled ?? compilePolicy(version.state);
    checkEvaluationBudget(this.policy, input.items.length);
    this.parties = parties(this.policy, input);
    this.endUse = input.endUse ?? '';
    this.transaction = input.transaction ?? UNSTATED_READINGS.transaction;
    this.ledger = options.ledger ?? NO_LEDGER;
    this.notes = new RulingNotes(caveatTableOf(this.policy, version.state), contextUnstated(input));
    const memo = conditionMemoOf(this.policy);
    const shared = memo.sharedValues(memo.contextKey(input), FULL_RESULT_BOUND);
    this.scratch = new DeterminationScratch(this.policy, this.ledger, true, { memo, shared }, this.notes);
  }

  /** True once every item has been decided. */
  get done(): boolean {
    return this.results.length === this.input.items.length;
  }

  /** Decides the next `count` items (fewer if fewer are left). */
  decide(count: number): void {
    const { policy, scratch, ledger, endUse, transaction } = this;
    const { destination, consignee } = this.parties;
    const end = Math.min(this.input.items.length, this.results.length + count);
    for (let index = this.results.length; index < end; index++) {
      const given = this.input.items[index] as ItemInput;
      const item = itemFacts(given, index);
      const activation: CelActivation = { destination: destination.facts, consignee, item, params: policy.params, ledger, endUse, transaction };
      scratch.itemUnstated = itemUnstated(given);
      const result = evaluateItem(scratch, activation, Boolean(given.eccn));
      this.items.push(item);
      this.results.push(result);
      this.outcome = stricterOutcome(this.outcome, result.outcome);
      this.reviewPolicy = stricterReview(this.reviewPolicy, result.reviewPolicy);
      for (const code of result.exceptions) if (!this.exceptions.includes(code)) this.exceptions.push(code);
      if (result.conditions.length > 0) addConditions(this.conditions, result.conditions);
    }
  }

  /** The determination, once every item has been decided. */
  result(): DeterminationResult {
    if (!this.done) throw new Error(`determination asked for its result with ${this.input.items.length - this.results.length} items undecided`);
    const { input, version, policy, scratch, notes, endUse, transaction, items } = this;
    const { destination, hq, parent, consignee } = this.parties;
    const tierDefaultRead = destination.tierFromDefault || hq.tierFromDefault || parent?.tierFromDefault === true;
    const enforcement = scratch.appliedRegimes.sort().map((id) => enforcementNote(policy, id));
    const named = { destination: input.destination, headquarters: input.consignee.headquarters, ultimateParent: input.consignee.ultimateParent ?? '' };
    const parameters = scratch.parametersRead(tierDefaultRead ? TIER_DEFAULT : null);

    return {
      outcome: this.outcome,
      reviewPolicy: this.reviewPolicy,
      exceptions: this.exceptions.sort(),
      conditions: this.conditions,
      items: this.results,
      trace: scratch.trace,
      enforcement,
      caveats: notes.caveatsOf(scratch.tester.parameterRead, named, enforcement),
      assumptions: notes.assumptions,
      facts:
        input.transaction === undefined || input.transaction === null
          ? { destination: destination.facts, consignee, items, endUse, parameters }
          : { destination: destination.facts, consignee, items, endUse, transaction, parameters },
      ledgerDraws: scratch.ledgerDraws,
      policyVersion: {
        validAt: version.validAt,
        knownAt: version.knownAt,
        knownPosition: version.knownPosition,
        publishedBy: version.publishedBy,
        stateHash: version.stateHash,
      },
      engineVersion: ENGINE_VERSION,
    };
  }
}

/**
 * The outcome evaluateDetermination would give, without building what explains it (trace, notes,
 * facts, enforcement notes): for callers that compare outcomes only, such as impact analysis.
 * Items are decided in the same order with the same ledger draws; once an item requires a
 * license, the outcome can get no stricter and later items are not decided. The values of the
 * conditions' parts are remembered between determinations of one compiled policy by the facts
 * they read (ConditionMemo).
 * @throws InvalidInputError for an input that fails validateDeterminationInput
 * @throws EvaluationBudgetExceededError (QUOTA_EXCEEDED) when the policy's rules cost too much for this many items
 */
export function evaluateOutcome(input: DeterminationInput, version: PolicyVersion, options: EvaluateOptions = {}): Outcome {
  validateDeterminationInput(input);
  const policy = options.compiled ?? compilePolicy(version.state);
  checkEvaluationBudget(policy, input.items.length);
  const memo = conditionMemoOf(policy);
  return decideOutcome(input, policy, options.ledger ?? NO_LEDGER, memo, memo.contextKey(input));
}

/** A policy version to decide under, with its compiled rules when at hand. */
export interface OutcomeVersion {
  version: PolicyVersion;
  compiled?: CompiledPolicy;
}

/**
 * evaluateOutcome of one input under each of several policy versions, the input validated (and
 * its context key built) once: impact analysis compares the outcomes with and without an amendment.
 * @throws InvalidInputError for an input that fails validateDeterminationInput
 * @throws EvaluationBudgetExceededError (QUOTA_EXCEEDED) when the policy's rules cost too much for this many items
 */
export function evaluateOutcomes(input: DeterminationInput, versions: readonly OutcomeVersion[], ledger: LedgerFigures = NO_LEDGER): Outcome[] {
  validateDeterminationInput(input);
  let reads: string | undefined;
  let key = '';
  return versions.map(({ version, compiled }) => {
    const policy = compiled ?? compilePolicy(version.state);
    checkEvaluationBudget(policy, input.items.length);
    const memo = conditionMemoOf(policy);
    if (memo.contextReads !== reads) {
      reads = memo.contextReads;
      key = memo.contextKey(input);
    }
    return decideOutcome(input, policy, ledger, memo, key);
  });
}

function decideOutcome(input: DeterminationInput, policy: CompiledPolicy, ledger: LedgerFigures, memo: ConditionMemo, contextKey: string): Outcome {
  const { destination, consignee } = parties(policy, input);
  const endUse = input.endUse ?? '';
  const transaction = input.transaction ?? UNSTATED_READINGS.transaction;
  const scratch = new DeterminationScratch(policy, ledger, false, { memo, shared: memo.sharedValues(contextKey) });
  let outcome: Outcome = 'NO_LICENSE_REQUIRED';
  for (let index = 0; index < input.items.length && outcome !== 'LICENSE_REQUIRED'; index++) {
    const given = input.items[index] as ItemInput;
    const activation: CelActivation = {
      destination: destination.facts,
      consignee,
      item: itemFacts(given, index),
      params: policy.params,
      ledger,
      endUse,
      transaction,
    };
    scratch.itemUnstated = itemUnstated(given);
    outcome = stricterOutcome(outcome, evaluateItem(scratch, activation, Boolean(given.eccn)).outcome);
  }
  return outcome;
}

type Parties = ReturnType<typeof parties>;

/** The destination's, headquarters' and ultimate parent's entries, and the consignee's facts. */
function parties(policy: CompiledPolicy, input: DeterminationInput) {
  const destination = country(policy, input.destination);
  const hq = country(policy, input.consignee.headquarters);
  const parent = input.consignee.ultimateParent ? country(policy, input.consignee.ultimateParent) : null;
  return { destination, hq, parent, consignee: consigneeFacts(input.consignee, hq.facts, parent?.facts ?? null) };
}

function country(policy: CompiledPolicy, code: string): CountryEntry {
  const entry = policy.countries.get(code);
  if (!entry) throw new Error(`no facts for validated country ${code}`);
  return entry;
}

function enforcementNote(policy: CompiledPolicy, regime: string): EnforcementNote {
  const note = policy.enforcement.get(regime);
  if (!note) throw new Error(`requirement applied for regime ${regime}, which the state does not hold`);
  return note;
}
