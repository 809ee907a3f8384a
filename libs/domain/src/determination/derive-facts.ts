import { ISO_COUNTRY_CODES } from '../countries/iso-3166.js';
import type { PolicyState } from '../policy/policy-state.js';
import { ConsigneeFactsValue, CountryFactsValue, ItemFactsValue } from '../rules/cel-environment.js';
import type { ConsigneeInput, ItemInput } from './determination-input.js';

/** The parameter that gives the tier of a country the policy names no tier for (Tier 2 under AI Diffusion). */
export const TIER_DEFAULT = 'tier.default';

export interface CountryEntry {
  facts: CountryFactsValue;
  /** True when the policy names no tier for the country, so its tier came from `tier.default`. */
  tierFromDefault: boolean;
}

/**
 * Tier and groups of every ISO country at this state, built once per compiled policy and frozen
 * (results share them). A country without a tier (absent from the map, or present only for its
 * groups) takes `tier.default` when the policy has one, else 0.
 */
export function countryTable(state: PolicyState, tierDefault: number | undefined): ReadonlyMap<string, CountryEntry> {
  const table = new Map<string, CountryEntry>();
  for (const code of ISO_COUNTRY_CODES) {
    const known = state.countries.get(code);
    const tier = known?.tier ?? null;
    const facts = new CountryFactsValue(code, tier ?? tierDefault ?? 0, Object.freeze([...(known?.groups ?? [])]) as string[]);
    table.set(code, { facts: Object.freeze(facts), tierFromDefault: tier === null });
  }
  return table;
}

/** A consignee without an ultimate parent has parent "" with tier 0 and no groups (facts.ts: missing is empty). */
export function consigneeFacts(input: ConsigneeInput, hq: CountryFactsValue, parent: CountryFactsValue | null): ConsigneeFactsValue {
  const facts = new ConsigneeFactsValue(
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
  const owned = input.majorityOwnedFromD5OrMacau;
  if (owned !== undefined && owned !== null) (facts as Writable<ConsigneeFactsValue>).majorityOwnedFromD5OrMacau = owned;
  return facts;
}

/**
 * Missing numbers are 0, a missing quantity is 1; `eccn` stays "" until classification sets it.
 * designedForDatacenter and memoryBandwidth are own facts only when given (cel-environment.ts).
 */
export function itemFacts(input: ItemInput, index: number): ItemFactsValue {
  const tpp = input.tpp ?? 0;
  const quantity = input.quantity ?? 1;
  const facts = new ItemFactsValue(
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
  const { designedForDatacenter, memoryBandwidth } = input;
  if (designedForDatacenter !== undefined && designedForDatacenter !== null) (facts as Writable<ItemFactsValue>).designedForDatacenter = designedForDatacenter;
  if (memoryBandwidth !== undefined && memoryBandwidth !== null) (facts as Writable<ItemFactsValue>).memoryBandwidth = memoryBandwidth;
  return facts;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };
