import type { PolicyState } from '../policy/policy-state.js';
import { ConsigneeFactsValue, CountryFactsValue, ItemFactsValue } from '../rules/cel-environment.js';
import type { ConsigneeInput, ItemInput } from './determination-input.js';

/** The parameter that gives the tier of a country the policy names no tier for (Tier 2 under AI Diffusion). */
export const TIER_DEFAULT = 'tier.default';

/**
 * Tier and groups of a country at this state. A country without a tier (absent from the map,
 * or present only for its groups) takes `tier.default` when the policy has one, else 0.
 */
export function countryFacts(code: string, state: PolicyState, tierDefault: number | undefined): CountryFactsValue {
  const known = state.countries.get(code);
  return new CountryFactsValue(code, known?.tier ?? tierDefault ?? 0, known ? [...known.groups] : []);
}

export function hasNoTier(code: string, state: PolicyState): boolean {
  return (state.countries.get(code)?.tier ?? null) === null;
}

/** A consignee without an ultimate parent has parent "" with tier 0 and no groups (facts.ts: missing is empty). */
export function consigneeFacts(input: ConsigneeInput, hq: CountryFactsValue, parent: CountryFactsValue | null): ConsigneeFactsValue {
  return new ConsigneeFactsValue(
    input.id,
    input.country,
    input.headquarters,
    input.ultimateParent ?? '',
    input.veu ?? '',
    hq.tier,
    hq.groups,
    parent?.tier ?? 0,
    parent?.groups ?? [],
  );
}

/** Missing numbers are 0, a missing quantity is 1; `eccn` stays "" until classification sets it. */
export function itemFacts(input: ItemInput, index: number): ItemFactsValue {
  const tpp = input.tpp ?? 0;
  const quantity = input.quantity ?? 1;
  return new ItemFactsValue(
    index,
    input.kind,
    input.eccn ?? '',
    tpp,
    input.performanceDensity ?? 0,
    quantity,
    tpp * quantity,
    input.trainingOperations ?? 0,
    input.openWeights ?? false,
  );
}
