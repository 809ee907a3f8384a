import { Environment } from '@marcbachmann/cel-js';
import type { ConsigneeFacts, CountryFacts, ItemFacts } from '../determination/facts.js';
import { CONDITION_LIMITS } from './condition-limits.js';
import { LINEAR_MATCHES, linearMatches } from './linear-match.js';

/*
 * cel-js checks field access on message types by constructor, so the facts handed to CEL are
 * instances of these classes. Their own properties are the facts.ts interfaces, so they
 * serialise to the same JSON as plain objects. Facts the input may leave out are own properties
 * only when given; otherwise CEL reads the prototype's value, the reading that cannot understate
 * a requirement, and JSON (which skips the prototype) shows nothing (facts.ts).
 */
export class CountryFactsValue implements CountryFacts {
  constructor(
    readonly country: string,
    readonly tier: number,
    readonly groups: string[],
  ) {}
}

export class ConsigneeFactsValue implements ConsigneeFacts {
  constructor(
    readonly id: string,
    readonly country: string,
    readonly headquarters: string,
    readonly ultimateParent: string,
    readonly veu: string,
    readonly hqTier: number,
    readonly hqGroups: string[],
    readonly parentTier: number,
    readonly parentGroups: string[],
  ) {}

  declare readonly majorityOwnedFromD5OrMacau: boolean;
}

export class ItemFactsValue implements ItemFacts {
  constructor(
    readonly index: number,
    readonly kind: string,
    /** Set by classification when the input names no ECCN. */
    public eccn: string,
    readonly tpp: number,
    readonly performanceDensity: number,
    readonly quantity: number,
    readonly totalTpp: number,
    readonly trainingOperations: number,
    readonly openWeights: boolean,
  ) {}

  declare readonly designedForDatacenter: boolean;
  declare readonly memoryBandwidth: number;
}

/** The values CEL reads for the facts an input leaves out: see facts.ts. */
export const UNSTATED_READINGS = {
  designedForDatacenter: true,
  memoryBandwidth: Number.POSITIVE_INFINITY,
  majorityOwnedFromD5OrMacau: true,
  transaction: 'EXPORT',
} as const;

defaultOn(ItemFactsValue, 'designedForDatacenter', UNSTATED_READINGS.designedForDatacenter);
defaultOn(ItemFactsValue, 'memoryBandwidth', UNSTATED_READINGS.memoryBandwidth);
defaultOn(ConsigneeFactsValue, 'majorityOwnedFromD5OrMacau', UNSTATED_READINGS.majorityOwnedFromD5OrMacau);

/** A writable, non-enumerable value on the prototype: assigning the given fact makes an own, enumerable one. */
function defaultOn(type: { prototype: object }, field: string, value: unknown): void {
  Object.defineProperty(type.prototype, field, { value, writable: true, enumerable: false, configurable: false });
}

/** The CEL variables a condition may read (determination/facts.ts documents their meaning). */
export const FACT_VARIABLES = ['destination', 'consignee', 'item', 'params', 'ledger', 'endUse', 'transaction'] as const;

/** The declared fields of each facts type, by CEL type name. */
export const FACT_TYPES = {
  CountryFacts: { country: 'string', tier: 'double', groups: 'list<string>' },
  ConsigneeFacts: {
    id: 'string',
    country: 'string',
    headquarters: 'string',
    ultimateParent: 'string',
    veu: 'string',
    hqTier: 'double',
    hqGroups: 'list<string>',
    parentTier: 'double',
    parentGroups: 'list<string>',
    majorityOwnedFromD5OrMacau: 'bool',
  },
  ItemFacts: {
    index: 'double',
    kind: 'string',
    eccn: 'string',
    tpp: 'double',
    performanceDensity: 'double',
    quantity: 'double',
    totalTpp: 'double',
    trainingOperations: 'double',
    openWeights: 'bool',
    designedForDatacenter: 'bool',
    memoryBandwidth: 'double',
  },
} as const satisfies Record<string, Record<string, string>>;

/*
 * Size bounds of the facts, which the cost estimate (condition-cost.ts) relies on. Input
 * validation (validate-input.ts) bounds the texts a caller gives; the change checks bound the
 * country group lists; a map of parameters or ledger amounts is read one key at a time.
 */
/** The longest text any fact holds (an end use). */
export const FACT_TEXT_LENGTH = 2000;
/** The longest list any fact holds (a country's groups), and the most entries of `params` or `ledger`. */
export const FACT_LIST_LENGTH = 32;
const TEXT_LENGTHS: Readonly<Record<string, number>> = {
  country: 2,
  headquarters: 2,
  ultimateParent: 2,
  eccn: 32,
  kind: 32,
  id: 200,
  veu: 200,
  groups: 8,
  hqGroups: 8,
  parentGroups: 8,
};

/** The longest value of a text fact (or of each element of a list of texts), by field name. */
export function factTextLength(field: string): number {
  return TEXT_LENGTHS[field] ?? FACT_TEXT_LENGTH;
}

/**
 * One environment for every condition: the facts vocabulary is declared with types, so a
 * condition naming an unknown variable or field fails the type check at compile time. The
 * parser's own limits are the conditions' (condition-cost.ts); `matches` runs on RE2
 * (linear-match.ts) under the name compileCondition gives it.
 */
export const factsEnvironment = new Environment({
  limits: {
    maxDepth: CONDITION_LIMITS.maxDepth,
    maxAstNodes: CONDITION_LIMITS.maxAstNodes,
    maxListElements: CONDITION_LIMITS.maxLiteralElements,
    maxMapEntries: CONDITION_LIMITS.maxLiteralElements,
  },
})
  .registerType('CountryFacts', { ctor: CountryFactsValue, fields: FACT_TYPES.CountryFacts })
  .registerType('ConsigneeFacts', { ctor: ConsigneeFactsValue, fields: FACT_TYPES.ConsigneeFacts })
  .registerType('ItemFacts', { ctor: ItemFactsValue, fields: FACT_TYPES.ItemFacts })
  .registerFunction(`string.${LINEAR_MATCHES}(string): bool`, linearMatches)
  .registerVariable('destination', 'CountryFacts')
  .registerVariable('consignee', 'ConsigneeFacts')
  .registerVariable('item', 'ItemFacts')
  .registerVariable('params', 'map<string, double>')
  .registerVariable('ledger', 'map<string, double>')
  .registerVariable('endUse', 'string')
  .registerVariable('transaction', 'string');
