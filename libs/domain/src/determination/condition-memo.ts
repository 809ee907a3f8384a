import { factsEnvironment } from '../rules/cel-environment.js';
import { runCondition, type CelActivation, type ConditionProgram, type ConditionResult } from '../rules/compile-condition.js';
import type { CompiledPolicy, CompiledRule } from './compile-policy.js';
import { factsRead, inputValue, isContextRead, LEDGER_READ, readValue, type ContextRead, type FactRead } from './condition-reads.js';
import type { DeterminationInput } from './determination-input.js';

/** Values of a compiled policy's shared conjuncts by id, as ConditionTester holds them. */
export type SharedValues = (ConditionResult | undefined)[];

/** Distinct contexts (or item facts) remembered per part; past it, new ones are evaluated as usual. */
export const CONDITION_MEMO_LIMIT = 16_384;

/**
 * What a full determination may add to a memo: any caller of `evaluate` runs one, and context keys
 * hold free texts (an end use), so it adds a row only for a short key and while the memo holds few
 * rows (about a megabyte per compiled policy at most).
 */
export const FULL_RESULT_ROWS = 1024;
export const FULL_RESULT_KEY_LENGTH = 256;

/** How many rows sharedValues may hold when it adds one, and the longest key it adds. */
export interface RowBound {
  rows: number;
  keyLength: number;
}

const OUTCOME_ROWS: RowBound = { rows: CONDITION_MEMO_LIMIT, keyLength: Number.POSITIVE_INFINITY };
export const FULL_RESULT_BOUND: RowBound = { rows: FULL_RESULT_ROWS, keyLength: FULL_RESULT_KEY_LENGTH };

/**
 * The values of a compiled policy's condition parts, remembered between determinations by the
 * facts each part reads (condition-reads.ts): at one state, equal reads give equal values, since
 * `params` is the state's and CEL has nothing else to go by. Shared conjuncts (one value per
 * determination) are remembered as one row per context; the per-item part of each rule by the
 * item's (and context's) facts it reads. A part that reads the ledger is evaluated every time.
 * evaluateOutcome uses all of it; the full engine only the shared conjuncts' rows, within
 * FULL_RESULT_BOUND, taking each conjunct up only when a rule consults it (ConditionTester).
 */
export class ConditionMemo {
  /** By shared conjunct id: true when its value is remembered. */
  readonly remembered: readonly boolean[];
  readonly rememberedAll: boolean;
  /** The context reads the remembered shared conjuncts make, by name: memos with equal ones take the same keys. */
  readonly contextReads: string;
  private readonly context: readonly ContextRead[];
  private readonly rows = new Map<string, SharedValues>();
  private readonly perItemParts: (PartMemo | null | undefined)[];

  constructor(private readonly policy: CompiledPolicy) {
    const read = new Set<ContextRead>();
    this.remembered = policy.shared.map(({ key }) => {
      const reads = factsReadOf(key);
      if (reads === LEDGER_READ) return false;
      for (const each of reads) if (isContextRead(each)) read.add(each);
      return true;
    });
    this.rememberedAll = this.remembered.every((remembered) => remembered);
    this.context = [...read];
    this.contextReads = this.context.join(' ');
    this.perItemParts = new Array<PartMemo | null | undefined>(policy.ruleCount);
  }

  /** The input's context as a key: the values of the context reads, each prefixed by its length so that no two contexts share one. */
  contextKey(input: DeterminationInput): string {
    let key = '';
    for (const read of this.context) {
      const value = inputValue(input, read);
      key += `${value.length}:${value}`;
    }
    return key;
  }

  /** The shared values known for a context (contextKey), to be read and filled in place. */
  sharedValues(contextKey: string, bound: RowBound = OUTCOME_ROWS): SharedValues {
    let row = this.rows.get(contextKey);
    if (row === undefined) {
      row = new Array<ConditionResult | undefined>(this.policy.shared.length);
      if (this.rows.size < bound.rows && contextKey.length <= bound.keyLength) this.rows.set(contextKey, row);
    }
    return row;
  }

  /** The memo of the rule's per-item part; null when it reads the ledger. */
  perItem(compiled: CompiledRule): PartMemo | null {
    let memo = this.perItemParts[compiled.slot];
    if (memo === undefined) {
      const part = compiled.condition.perItem;
      const reads = part === null ? LEDGER_READ : factsReadOf(part.key);
      memo = part === null || reads === LEDGER_READ ? null : new PartMemo(part.program, reads);
      this.perItemParts[compiled.slot] = memo;
    }
    return memo;
  }
}

/** One level per read, the values at the leaves: no key text to build per evaluation. */
type ValueTree<T> = Map<string | number | boolean, ValueTree<T> | T>;

/** The values of one condition part by the facts it reads. */
export class PartMemo {
  private readonly values: ValueTree<ConditionResult> = new Map();
  private size = 0;

  constructor(
    private readonly program: ConditionProgram,
    private readonly reads: readonly FactRead[],
  ) {}

  valueFor(activation: CelActivation): ConditionResult {
    let level = this.values;
    const last = this.reads.length - 1;
    for (let index = 0; index < last; index++) {
      const value = readValue(activation, this.reads[index] as FactRead);
      // A Map takes -0 for 0, CEL does not (1.0 / -0.0).
      if (Object.is(value, -0)) return runCondition(this.program, activation);
      let next = level.get(value) as ValueTree<ConditionResult> | undefined;
      if (next === undefined) {
        if (this.size >= CONDITION_MEMO_LIMIT) return runCondition(this.program, activation);
        next = new Map();
        level.set(value, next);
      }
      level = next;
    }
    const value = last < 0 ? '' : readValue(activation, this.reads[last] as FactRead);
    if (Object.is(value, -0)) return runCondition(this.program, activation);
    let known = level.get(value) as ConditionResult | undefined;
    if (known === undefined) {
      known = runCondition(this.program, activation);
      if (this.size < CONDITION_MEMO_LIMIT) {
        level.set(value, known);
        this.size++;
      }
    }
    return known;
  }
}

/** What parts read, by their canonical text: states share most of their conditions. */
const readsByKey = new Map<string, FactRead[] | typeof LEDGER_READ>();
const READS_HELD = 4096;

function factsReadOf(key: string): FactRead[] | typeof LEDGER_READ {
  let reads = readsByKey.get(key);
  if (reads === undefined) {
    reads = factsRead(factsEnvironment.parse(key).ast);
    if (readsByKey.size >= READS_HELD) readsByKey.clear();
    readsByKey.set(key, reads);
  }
  return reads;
}

const memos = new WeakMap<CompiledPolicy, ConditionMemo>();

/** The compiled policy's memo, made on first use: like its item test memo, it changes no result. */
export function conditionMemoOf(policy: CompiledPolicy): ConditionMemo {
  let memo = memos.get(policy);
  if (memo === undefined) {
    memo = new ConditionMemo(policy);
    memos.set(policy, memo);
  }
  return memo;
}
