import { Environment } from '@marcbachmann/cel-js';
import type { ConsigneeFacts, CountryFacts, ItemFacts } from './facts.js';

/*
 * cel-js checks field access on message types by constructor, so the facts handed to CEL are
 * instances of these classes. Their own properties are exactly the facts.ts interfaces, so they
 * serialise to the same JSON as plain objects.
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
}

/** The CEL variables a condition may read (rules/facts.ts documents their meaning). */
export const FACT_VARIABLES = ['destination', 'consignee', 'item', 'params', 'ledger', 'endUse'] as const;

/**
 * One environment for every condition: the facts vocabulary is declared with types, so a
 * condition naming an unknown variable or field fails the type check at compile time.
 */
export const factsEnvironment = new Environment()
  .registerType('CountryFacts', {
    ctor: CountryFactsValue,
    fields: { country: 'string', tier: 'double', groups: 'list<string>' },
  })
  .registerType('ConsigneeFacts', {
    ctor: ConsigneeFactsValue,
    fields: {
      id: 'string',
      country: 'string',
      headquarters: 'string',
      ultimateParent: 'string',
      veu: 'string',
      hqTier: 'double',
      hqGroups: 'list<string>',
      parentTier: 'double',
      parentGroups: 'list<string>',
    },
  })
  .registerType('ItemFacts', {
    ctor: ItemFactsValue,
    fields: {
      index: 'double',
      kind: 'string',
      eccn: 'string',
      tpp: 'double',
      performanceDensity: 'double',
      quantity: 'double',
      totalTpp: 'double',
      trainingOperations: 'double',
      openWeights: 'bool',
    },
  })
  .registerVariable('destination', 'CountryFacts')
  .registerVariable('consignee', 'ConsigneeFacts')
  .registerVariable('item', 'ItemFacts')
  .registerVariable('params', 'map<string, double>')
  .registerVariable('ledger', 'map<string, double>')
  .registerVariable('endUse', 'string');
