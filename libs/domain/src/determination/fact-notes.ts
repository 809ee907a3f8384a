import type { ASTNode } from '@marcbachmann/cel-js';
import { factsEnvironment } from '../rules/cel-environment.js';
import type { CompiledPolicy } from '../rules/compile-policy.js';
import { everyFactRead, type FactRead } from './condition-reads.js';
import type { DeterminationInput, ItemInput } from './determination-input.js';

/**
 * The facts a result takes note of when a consulted part of a condition reads them, as bits: the
 * parties' countries (for the caveats on their tier and groups) and the facts an input may leave
 * out (for the assumptions).
 */
export const NOTED = {
  destination: 1 << 0,
  headquarters: 1 << 1,
  ultimateParent: 1 << 2,
  transaction: 1 << 3,
  majorityOwnedFromD5OrMacau: 1 << 4,
  designedForDatacenter: 1 << 5,
  memoryBandwidth: 1 << 6,
  tpp: 1 << 7,
  performanceDensity: 1 << 8,
  trainingOperations: 1 << 9,
} as const;

const BIT_OF: Partial<Record<FactRead, number>> = {
  destination: NOTED.destination,
  'consignee.headquarters': NOTED.headquarters,
  'consignee.ultimateParent': NOTED.ultimateParent,
  transaction: NOTED.transaction,
  'consignee.majorityOwnedFromD5OrMacau': NOTED.majorityOwnedFromD5OrMacau,
  'item.designedForDatacenter': NOTED.designedForDatacenter,
  'item.memoryBandwidth': NOTED.memoryBandwidth,
  'item.tpp': NOTED.tpp,
  'item.totalTpp': NOTED.tpp,
  'item.performanceDensity': NOTED.performanceDensity,
  'item.trainingOperations': NOTED.trainingOperations,
};

/** The noted facts each part of a compiled policy's conditions reads: shared conjuncts by id, per-item parts by rule slot. */
export interface NoteMasks {
  shared: readonly number[];
  perItem: readonly number[];
}

const masks = new WeakMap<CompiledPolicy, NoteMasks>();

export function noteMasksOf(policy: CompiledPolicy): NoteMasks {
  let known = masks.get(policy);
  if (known === undefined) {
    const perItem = new Array<number>(policy.ruleCount).fill(0);
    for (const group of [policy.classification, policy.requirement, policy.exception]) {
      for (const compiled of group) perItem[compiled.slot] = compiled.condition.perItem === null ? 0 : maskOf(compiled.condition.perItem.key);
    }
    known = { shared: policy.shared.map(({ key }) => maskOf(key)), perItem };
    masks.set(policy, known);
  }
  return known;
}

/** The noted facts an input leaves out: the context's, and one item's. */
export function contextUnstated(input: DeterminationInput): number {
  return (absent(input.transaction) ? NOTED.transaction : 0) | (absent(input.consignee.majorityOwnedFromD5OrMacau) ? NOTED.majorityOwnedFromD5OrMacau : 0);
}

export function itemUnstated(item: ItemInput): number {
  return (
    (absent(item.designedForDatacenter) ? NOTED.designedForDatacenter : 0) |
    (absent(item.memoryBandwidth) ? NOTED.memoryBandwidth : 0) |
    (absent(item.tpp) ? NOTED.tpp : 0) |
    (absent(item.performanceDensity) ? NOTED.performanceDensity : 0) |
    (absent(item.trainingOperations) ? NOTED.trainingOperations : 0)
  );
}

function absent(value: unknown): boolean {
  return value === undefined || value === null;
}

/** By canonical part text: states share most of their conditions. */
const maskByKey = new Map<string, number>();
const MASKS_HELD = 4096;

function maskOf(key: string): number {
  let mask = maskByKey.get(key);
  if (mask === undefined) {
    mask = 0;
    for (const read of everyFactRead(factsEnvironment.parse(key).ast as ASTNode)) mask |= BIT_OF[read] ?? 0;
    if (maskByKey.size >= MASKS_HELD) maskByKey.clear();
    maskByKey.set(key, mask);
  }
  return mask;
}
