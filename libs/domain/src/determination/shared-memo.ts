import type { ASTNode } from '@marcbachmann/cel-js';
import { factsEnvironment } from '../rules/cel-environment.js';
import type { ConditionResult } from '../rules/compile-condition.js';
import type { CompiledPolicy } from '../rules/compile-policy.js';
import type { DeterminationInput } from './determination-input.js';

/** Values of a compiled policy's shared conjuncts by id, as ConditionTester holds them. */
export type SharedValues = (ConditionResult | undefined)[];

/** The input fields the facts a shared conjunct can read come from (at one state). */
type InputField = 'destination' | 'consignee.id' | 'consignee.country' | 'consignee.headquarters' | 'consignee.ultimateParent' | 'consignee.veu' | 'endUse';

const INPUT_FIELDS: readonly InputField[] = [
  'destination',
  'consignee.id',
  'consignee.country',
  'consignee.headquarters',
  'consignee.ultimateParent',
  'consignee.veu',
  'endUse',
];

/** Consignee facts by the input field they are derived from (tiers and groups: from the country, through the state). */
const CONSIGNEE_FIELDS: Readonly<Record<string, InputField>> = {
  id: 'consignee.id',
  country: 'consignee.country',
  headquarters: 'consignee.headquarters',
  hqTier: 'consignee.headquarters',
  hqGroups: 'consignee.headquarters',
  ultimateParent: 'consignee.ultimateParent',
  parentTier: 'consignee.ultimateParent',
  parentGroups: 'consignee.ultimateParent',
  veu: 'consignee.veu',
};

/** Distinct contexts remembered per compiled policy; past it, new contexts are evaluated as usual. */
export const SHARED_MEMO_LIMIT = 16_384;

/**
 * The values of a compiled policy's shared conjuncts (those that never name `item`), remembered
 * between determinations by the input fields they depend on. A shared conjunct reads the
 * destination's and consignee's facts, `endUse`, `params` and `ledger`; at one state the facts
 * follow from a few input fields (a country's tier and groups from its code), and `params` is the
 * state's. So two determinations that agree on the fields the conjuncts read get the same values.
 * Which fields those are is found once, in the conjuncts' syntax trees; a conjunct that reads the
 * ledger is not remembered (its value is evaluated for every determination).
 */
export class SharedMemo {
  /** By conjunct id: true when its value is remembered. */
  readonly remembered: readonly boolean[];
  private readonly fields: readonly InputField[];
  /** One level per field, the values at the leaves: no key text to build per determination. */
  private readonly rows: ContextTree = new Map();
  private size = 0;

  constructor(private readonly policy: CompiledPolicy) {
    const read = new Set<InputField>();
    this.remembered = policy.shared.map(({ key }) => {
      const own = new Set<InputField>();
      if (!readsInto(factsEnvironment.parse(key).ast, own)) return false;
      for (const field of own) read.add(field);
      return true;
    });
    this.fields = INPUT_FIELDS.filter((field) => read.has(field));
  }

  /** The values known for this input's context, to be read and filled in place. */
  valuesFor(input: DeterminationInput): SharedValues {
    let level = this.rows;
    const last = this.fields.length - 1;
    for (let index = 0; index < last; index++) {
      const value = fieldValue(input, this.fields[index] as InputField);
      let next = level.get(value) as ContextTree | undefined;
      if (next === undefined) {
        if (this.size >= SHARED_MEMO_LIMIT) return this.fresh();
        next = new Map();
        level.set(value, next);
      }
      level = next;
    }
    const value = last < 0 ? '' : fieldValue(input, this.fields[last] as InputField);
    let row = level.get(value) as SharedValues | undefined;
    if (row === undefined) {
      row = this.fresh();
      if (this.size < SHARED_MEMO_LIMIT) {
        level.set(value, row);
        this.size++;
      }
    }
    return row;
  }

  private fresh(): SharedValues {
    return new Array<ConditionResult | undefined>(this.policy.shared.length);
  }
}

type ContextTree = Map<string, ContextTree | SharedValues>;

const memos = new WeakMap<CompiledPolicy, SharedMemo>();

/** The compiled policy's memo, made on first use: like its item test memo, it changes no result. */
export function sharedMemoOf(policy: CompiledPolicy): SharedMemo {
  let memo = memos.get(policy);
  if (memo === undefined) {
    memo = new SharedMemo(policy);
    memos.set(policy, memo);
  }
  return memo;
}

/** Absent and empty give the same facts (derive-facts.ts), hence the same key. */
function fieldValue(input: DeterminationInput, field: InputField): string {
  switch (field) {
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
    case 'endUse':
      return input.endUse ?? '';
  }
}

/**
 * Adds the input fields the expression depends on to `read`; false when it reads the ledger.
 * Conservative: a variable named other than through a field (`consignee["veu"]`, or a
 * comprehension variable shadowing it) counts as all of its fields.
 */
function readsInto(node: ASTNode, read: Set<InputField>): boolean {
  if (node.op === '.' && isVariable(node.args[0], 'consignee') && typeof node.args[1] === 'string') {
    const field = CONSIGNEE_FIELDS[node.args[1]];
    if (field) read.add(field);
    else for (const each of Object.values(CONSIGNEE_FIELDS)) read.add(each);
    return true;
  }
  if (node.op === 'id') {
    if (node.args === 'ledger') return false;
    if (node.args === 'destination') read.add('destination');
    else if (node.args === 'endUse') read.add('endUse');
    else if (node.args === 'consignee') for (const each of Object.values(CONSIGNEE_FIELDS)) read.add(each);
    return true;
  }
  let keyed = true;
  for (const child of childrenOf(node)) keyed = readsInto(child, read) && keyed;
  return keyed;
}

function isVariable(node: unknown, name: string): boolean {
  return isNode(node) && node.op === 'id' && node.args === name;
}

function childrenOf(node: ASTNode): ASTNode[] {
  const found: ASTNode[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (isNode(value)) found.push(value);
  };
  collect(node.args);
  return found;
}

function isNode(value: unknown): value is ASTNode {
  return typeof value === 'object' && value !== null && 'op' in value && 'args' in value;
}
