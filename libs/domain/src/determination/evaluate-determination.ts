import type { PolicyState, PolicyVersion } from '../policy/policy-state.js';
import type { CelActivation } from '../rules/compile-condition.js';
import { compilePolicy, type CompiledPolicy } from '../rules/compile-policy.js';
import type { ReviewPolicy } from '../rules/rule-definition.js';
import { ConditionTester } from './condition-tester.js';
import { consigneeFacts, countryFacts, hasNoTier, itemFacts, TIER_DEFAULT } from './derive-facts.js';
import type { DeterminationInput, LedgerFigures } from './determination-input.js';
import type { DeterminationResult, EnforcementNote, ItemResult, Outcome } from './determination-result.js';
import { evaluateItem, type DeterminationScratch } from './evaluate-item.js';
import { stricterOutcome, stricterReview } from './restrictiveness.js';
import { validateDeterminationInput } from './validate-input.js';

/**
 * Recorded with every determination; a replay under another engine version may differ for that
 * reason alone. Bump it whenever the semantics in docs/adr/006-determination-semantics.md change.
 */
export const ENGINE_VERSION = '1.0.0+cel-js.8.0.0';

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
 */
export function evaluateDetermination(
  input: DeterminationInput,
  version: PolicyVersion,
  options: EvaluateOptions = {},
): DeterminationResult {
  validateDeterminationInput(input);
  const state = version.state;
  const policy = options.compiled ?? compilePolicy(state);
  const tierDefault = policy.params[TIER_DEFAULT];
  const destination = countryFacts(input.destination, state, tierDefault);
  const hq = countryFacts(input.consignee.headquarters, state, tierDefault);
  const parent = input.consignee.ultimateParent ? countryFacts(input.consignee.ultimateParent, state, tierDefault) : null;
  const consignee = consigneeFacts(input.consignee, hq, parent);
  const endUse = input.endUse ?? '';
  const ledger = options.ledger ?? NO_LEDGER;

  const scratch: DeterminationScratch = {
    policy,
    tester: new ConditionTester(policy),
    trace: [],
    appliedRegimes: new Set(),
    ledgerDraws: [],
    ledger,
    parametersRead: new Set(),
  };
  const countries = [input.destination, input.consignee.headquarters, ...(parent ? [parent.country] : [])];
  if (countries.some((code) => hasNoTier(code, state))) scratch.parametersRead.add(TIER_DEFAULT);

  const items = input.items.map((entry, index) => itemFacts(entry, index));
  const results: ItemResult[] = items.map((item, index) => {
    const activation: CelActivation = { destination, consignee, item, params: policy.params, ledger, endUse };
    return evaluateItem(scratch, activation, Boolean(input.items[index]?.eccn));
  });

  let outcome: Outcome = 'NO_LICENSE_REQUIRED';
  let reviewPolicy: ReviewPolicy | null = null;
  const exceptions = new Set<string>();
  for (const item of results) {
    outcome = stricterOutcome(outcome, item.outcome);
    reviewPolicy = stricterReview(reviewPolicy, item.reviewPolicy);
    for (const code of item.exceptions) exceptions.add(code);
  }

  return {
    outcome,
    reviewPolicy,
    exceptions: [...exceptions].sort(),
    items: results,
    trace: scratch.trace,
    enforcement: enforcementNotes(state, scratch.appliedRegimes),
    facts: { destination, consignee, items, endUse, parameters: parametersConsulted(scratch, policy) },
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

/** Name -> value of every parameter the decision read, sorted by name; null when the state lacks it. */
function parametersConsulted(scratch: DeterminationScratch, policy: CompiledPolicy): Record<string, number | null> {
  const names = new Set([...scratch.tester.parametersRead(), ...scratch.parametersRead]);
  const consulted: Record<string, number | null> = {};
  for (const name of [...names].sort()) consulted[name] = policy.params[name] ?? null;
  return consulted;
}

function enforcementNotes(state: PolicyState, regimes: Set<string>): EnforcementNote[] {
  return [...regimes].sort().map((id) => {
    const regime = state.regimes.get(id);
    if (!regime) throw new Error(`requirement applied for regime ${id}, which the state does not hold`);
    const { citation, url, publishedAt } = regime.enforcementSince.source;
    return {
      regime: id,
      status: regime.enforcementStatus,
      since: regime.enforcementSince.effectiveAt,
      source: url === undefined ? { citation, publishedAt } : { citation, url, publishedAt },
    };
  });
}
