/**
 * The facts a rule's CEL condition can read. Every number is a CEL double: `<`, `<=`, `>`, `>=`
 * accept int literals, but equality and arithmetic need double literals (`destination.tier == 1.0`,
 * `item.tpp * 2.0`; CEL has no `double == int`). Missing strings are "" and a missing tier is 0,
 * so conditions never meet null.
 *
 * Variables: `destination`, `consignee`, `item`, `params` (map of parameter name to value),
 * `ledger` (map of ledger name to the year-to-date amount already drawn), `endUse`, and
 * `transaction` ("EXPORT", "REEXPORT" or "IN_COUNTRY_TRANSFER"; "EXPORT" when not given).
 *
 * Facts the input may leave out and a rule may need are read the way that cannot understate a
 * requirement (`item.designedForDatacenter` true, `item.memoryBandwidth` above any limit,
 * `consignee.majorityOwnedFromD5OrMacau` true), and the result lists each one a rule read in
 * its `assumptions` (assumptions.ts). They are facts only when given: the result's facts show
 * what the input said.
 */
export interface CountryFacts {
  country: string;
  /** 1, 2 or 3; 0 when no tier system is in force at validAt. */
  tier: number;
  groups: string[];
}

export interface ConsigneeFacts {
  id: string;
  country: string;
  headquarters: string;
  ultimateParent: string;
  veu: string;
  hqTier: number;
  hqGroups: string[];
  parentTier: number;
  parentGroups: string[];
  majorityOwnedFromD5OrMacau: boolean;
}

export interface ItemFacts {
  index: number;
  kind: string;
  /** As given, or derived by classification rules; "EAR99" when nothing classifies it. */
  eccn: string;
  tpp: number;
  performanceDensity: number;
  quantity: number;
  /** tpp x quantity: what a TPP-capped exception draws. */
  totalTpp: number;
  trainingOperations: number;
  openWeights: boolean;
  designedForDatacenter: boolean;
  /** GB/s of total DRAM bandwidth. */
  memoryBandwidth: number;
}

export interface DeterminationFacts {
  destination: CountryFacts;
  consignee: ConsigneeFacts;
  items: ItemFacts[];
  endUse: string;
  transaction?: string;
}

/** The CEL activation for one item. */
export interface RuleActivation {
  destination: CountryFacts;
  consignee: ConsigneeFacts;
  item: ItemFacts;
  params: Record<string, number>;
  ledger: Record<string, number>;
  endUse: string;
  transaction: string;
}
