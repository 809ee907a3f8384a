import type { ASTNode } from '@marcbachmann/cel-js';
import { childrenOf, isNode } from '../rules/cel-ast.js';
import { UNSTATED_READINGS } from '../rules/cel-environment.js';
import type { CelActivation } from '../rules/compile-condition.js';
import type { DeterminationInput } from './determination-input.js';

/**
 * A fact a part of a condition reads, named so that at one policy state equal reads mean equal
 * facts: a country's tier and groups follow from its code (through the state), so `destination`
 * stands for all of the destination's facts, `consignee.headquarters` for hqTier and hqGroups too.
 * `params` is the state's and needs no name; the ledger cannot be named (ledgerRead).
 */
export type FactRead = ContextRead | ItemRead;

/** Facts with one value per determination. */
export type ContextRead =
  | 'destination'
  | 'consignee.id'
  | 'consignee.country'
  | 'consignee.headquarters'
  | 'consignee.ultimateParent'
  | 'consignee.veu'
  | 'consignee.majorityOwnedFromD5OrMacau'
  | 'endUse'
  | 'transaction';

type ItemRead = `item.${
  | 'index'
  | 'kind'
  | 'eccn'
  | 'tpp'
  | 'performanceDensity'
  | 'quantity'
  | 'totalTpp'
  | 'trainingOperations'
  | 'openWeights'
  | 'designedForDatacenter'
  | 'memoryBandwidth'}`;

/** Every read, in the order keys are built in. */
const READS: readonly FactRead[] = [
  'destination',
  'consignee.id',
  'consignee.country',
  'consignee.headquarters',
  'consignee.ultimateParent',
  'consignee.veu',
  'consignee.majorityOwnedFromD5OrMacau',
  'endUse',
  'transaction',
  'item.index',
  'item.kind',
  'item.eccn',
  'item.tpp',
  'item.performanceDensity',
  'item.quantity',
  'item.totalTpp',
  'item.trainingOperations',
  'item.openWeights',
  'item.designedForDatacenter',
  'item.memoryBandwidth',
];

const CONSIGNEE_READS: Readonly<Record<string, ContextRead>> = {
  id: 'consignee.id',
  country: 'consignee.country',
  headquarters: 'consignee.headquarters',
  hqTier: 'consignee.headquarters',
  hqGroups: 'consignee.headquarters',
  ultimateParent: 'consignee.ultimateParent',
  parentTier: 'consignee.ultimateParent',
  parentGroups: 'consignee.ultimateParent',
  veu: 'consignee.veu',
  majorityOwnedFromD5OrMacau: 'consignee.majorityOwnedFromD5OrMacau',
};

const ITEM_READS = new Set<FactRead>(READS.filter((read) => read.startsWith('item.')));

/** Returned by factsRead for a part that reads the ledger: its value can change with every determination. */
export const LEDGER_READ = null;

/**
 * The facts an expression reads, in READS order, found in its syntax tree; LEDGER_READ when it
 * reads the ledger. Conservative: a variable named other than through a field
 * (`consignee["veu"]`, or a comprehension variable shadowing it) counts as all of its facts.
 */
export function factsRead(ast: ASTNode): FactRead[] | typeof LEDGER_READ {
  const read = new Set<FactRead>();
  return collect(ast, read) ? READS.filter((each) => read.has(each)) : LEDGER_READ;
}

/** The facts an expression reads, as factsRead finds them, whether or not it also reads the ledger. */
export function everyFactRead(ast: ASTNode): FactRead[] {
  const read = new Set<FactRead>();
  collect(ast, read);
  return READS.filter((each) => read.has(each));
}

/** The value a read names in an activation: equal values, equal facts (at one state). */
export function readValue(activation: CelActivation, read: FactRead): string | number | boolean {
  switch (read) {
    case 'destination':
      return activation.destination.country;
    case 'consignee.id':
      return activation.consignee.id;
    case 'consignee.country':
      return activation.consignee.country;
    case 'consignee.headquarters':
      return activation.consignee.headquarters;
    case 'consignee.ultimateParent':
      return activation.consignee.ultimateParent;
    case 'consignee.veu':
      return activation.consignee.veu;
    case 'consignee.majorityOwnedFromD5OrMacau':
      return activation.consignee.majorityOwnedFromD5OrMacau;
    case 'endUse':
      return activation.endUse;
    case 'transaction':
      return activation.transaction;
    case 'item.index':
      return activation.item.index;
    case 'item.kind':
      return activation.item.kind;
    case 'item.eccn':
      return activation.item.eccn;
    case 'item.tpp':
      return activation.item.tpp;
    case 'item.performanceDensity':
      return activation.item.performanceDensity;
    case 'item.quantity':
      return activation.item.quantity;
    case 'item.totalTpp':
      return activation.item.totalTpp;
    case 'item.trainingOperations':
      return activation.item.trainingOperations;
    case 'item.openWeights':
      return activation.item.openWeights;
    case 'item.designedForDatacenter':
      return activation.item.designedForDatacenter;
    case 'item.memoryBandwidth':
      return activation.item.memoryBandwidth;
  }
}

/** The value a context read names in an input, as derive-facts.ts turns it into facts (absent and empty alike). */
export function inputValue(input: DeterminationInput, read: ContextRead): string {
  switch (read) {
    case 'destination':
      return input.destination;
    case 'consignee.id':
      return input.consignee.id;
    case 'consignee.country':
      return input.consignee.country;
    case 'consignee.headquarters':
      return input.consignee.headquarters;
    case 'consignee.ultimateParent':
      return input.consignee.ultimateParent ?? '';
    case 'consignee.veu':
      return input.consignee.veu ?? '';
    case 'consignee.majorityOwnedFromD5OrMacau':
      return String(input.consignee.majorityOwnedFromD5OrMacau ?? UNSTATED_READINGS.majorityOwnedFromD5OrMacau);
    case 'endUse':
      return input.endUse ?? '';
    case 'transaction':
      return input.transaction ?? UNSTATED_READINGS.transaction;
  }
}

export function isContextRead(read: FactRead): read is ContextRead {
  return !ITEM_READS.has(read);
}

function collect(node: ASTNode, read: Set<FactRead>): boolean {
  if (node.op === '.' && isNode(node.args[0]) && node.args[0].op === 'id' && typeof node.args[1] === 'string') {
    const variable = node.args[0].args;
    const field = node.args[1];
    if (variable === 'consignee') return addAll(read, CONSIGNEE_READS[field] ? [CONSIGNEE_READS[field]] : Object.values(CONSIGNEE_READS));
    if (variable === 'item') return addAll(read, ITEM_READS.has(`item.${field}` as FactRead) ? [`item.${field}` as FactRead] : [...ITEM_READS]);
  }
  if (node.op === 'id') {
    switch (node.args) {
      case 'ledger':
        return false;
      case 'destination':
      case 'endUse':
      case 'transaction':
        return addAll(read, [node.args]);
      case 'consignee':
        return addAll(read, Object.values(CONSIGNEE_READS));
      case 'item':
        return addAll(read, [...ITEM_READS]);
      default:
        // `params` (the state's) or a comprehension variable (bound to parts read elsewhere).
        return true;
    }
  }
  let keyed = true;
  for (const child of childrenOf(node)) keyed = collect(child, read) && keyed;
  return keyed;
}

function addAll(read: Set<FactRead>, reads: readonly FactRead[]): true {
  for (const each of reads) read.add(each);
  return true;
}
