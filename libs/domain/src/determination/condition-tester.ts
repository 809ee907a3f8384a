import { runCondition, type CelActivation, type ConditionResult } from '../rules/compile-condition.js';
import { ITEM_TEST_MEMO_LIMIT, type CompiledPolicy, type CompiledRule, type ItemTest, type SharedConjunct } from '../rules/compile-policy.js';
import type { ConditionMemo, SharedValues } from './condition-memo.js';
import type { NoteMasks } from './fact-notes.js';

type Row = (ConditionResult | undefined)[];

/**
 * Evaluates conditions for one determination, in the parts compileCondition split them into:
 * item tests on the ECCN or the kind once per value (remembered by the compiled policy), each
 * shared conjunct at most once per determination (whatever rules contain it), the per-item rest
 * for each item. The parts combine as CEL's `&&` does: false wins over an error, an error over
 * true.
 */
export class ConditionTester {
  /** Value of each shared conjunct once evaluated. */
  private readonly shared: (ConditionResult | undefined)[];
  /** By index into policy.parameterNames: true once CEL read the parameter. */
  readonly parameterRead: (true | undefined)[];
  /** The noted facts (fact-notes.ts) read by the parts the last test consulted; kept only with `masks`. */
  lastRead = 0;
  /** False when the last test was settled by the item's kind or ECCN alone; kept only with `masks`. */
  lastReachedParts = false;

  /** The item test rows of the ECCN and kind last seen. */
  private eccn: string | undefined;
  private eccnRow: Row = [];
  private kind: string | undefined;
  private kindRow: Row = [];

  /**
   * `remembered`: the compiled policy's ConditionMemo and its shared values for this
   * determination's context, read from the start and filled as conjuncts are evaluated. A
   * remembered value marks no parameter read: only for callers that want the outcome alone.
   */
  constructor(
    private readonly policy: CompiledPolicy,
    private readonly remembered?: { memo: ConditionMemo; shared: SharedValues },
    private readonly masks?: NoteMasks,
  ) {
    // When every shared conjunct is remembered, the memo's row itself is this determination's.
    if (remembered) this.shared = remembered.memo.rememberedAll ? remembered.shared : remembered.shared.slice();
    else this.shared = new Array<ConditionResult | undefined>(policy.shared.length);
    this.parameterRead = new Array<true | undefined>(policy.parameterNames.length);
  }

  test(compiled: CompiledRule, activation: CelActivation): ConditionResult {
    const masks = this.masks;
    if (masks) {
      this.lastRead = 0;
      this.lastReachedParts = false;
    }
    const condition = compiled.condition;
    let result: ConditionResult = true;
    if (compiled.kindTest >= 0) {
      const value = this.kindValue(compiled.kindTest, activation);
      if (value === false) return false;
      if (typeof value === 'object') result = value;
    }
    if (compiled.eccnTest >= 0) {
      const value = this.eccnValue(compiled.eccnTest, activation);
      if (value === false) return false;
      if (typeof value === 'object') result = result === true ? value : result;
    }
    if (masks) this.lastReachedParts = true;
    // A shared value already known to be false settles the condition for free.
    for (const ref of compiled.shared) {
      if (this.shared[ref.id] === ref.negated) {
        if (masks) this.lastRead = masks.shared[ref.id] as number;
        return false;
      }
    }
    // Then shared conjuncts before the per-item part: their values serve every rule and item.
    for (const ref of compiled.shared) {
      const value = this.shared[ref.id] ?? this.evaluateShared(ref.id, activation);
      if (masks) this.lastRead |= masks.shared[ref.id] as number;
      if (typeof value === 'object') result = result === true ? value : result;
      else if (value === ref.negated) return false;
    }
    const perItem = condition.perItem;
    if (perItem === null) return result;
    this.markRead(compiled.perItemParameters);
    if (masks) this.lastRead |= masks.perItem[compiled.slot] as number;
    const own = this.remembered?.memo.perItem(compiled)?.valueFor(activation) ?? runCondition(perItem.program, activation);
    if (own === false) return false;
    return result === true ? own : result;
  }

  private eccnValue(id: number, activation: CelActivation): ConditionResult {
    if (activation.item.eccn !== this.eccn) {
      this.eccn = activation.item.eccn;
      this.eccnRow = row(this.policy.itemTestMemo.eccn, this.eccn, this.policy.itemTests.length);
    }
    return this.eccnRow[id] ?? (this.eccnRow[id] = itemTestValue(this.policy.itemTests[id] as ItemTest, activation));
  }

  private kindValue(id: number, activation: CelActivation): ConditionResult {
    if (activation.item.kind !== this.kind) {
      this.kind = activation.item.kind;
      this.kindRow = row(this.policy.itemTestMemo.kind, this.kind, this.policy.itemTests.length);
    }
    return this.kindRow[id] ?? (this.kindRow[id] = itemTestValue(this.policy.itemTests[id] as ItemTest, activation));
  }

  private evaluateShared(id: number, activation: CelActivation): ConditionResult {
    const conjunct = this.policy.shared[id] as SharedConjunct;
    this.markRead(conjunct.parameters);
    const value = runCondition(conjunct.program, activation);
    if (this.remembered?.memo.remembered[id] === true) this.remembered.shared[id] = value;
    return (this.shared[id] = value);
  }

  private markRead(parameters: readonly number[]): void {
    for (const index of parameters) this.parameterRead[index] = true;
  }
}

function row(memo: Map<string, Row>, value: string, tests: number): Row {
  const known = memo.get(value);
  if (known) return known;
  const created: Row = new Array<ConditionResult | undefined>(tests);
  if (memo.size < ITEM_TEST_MEMO_LIMIT) memo.set(value, created);
  return created;
}

function itemTestValue(test: ItemTest, activation: CelActivation): ConditionResult {
  if (test.allowed !== null && !test.allowed.has(test.field === 'eccn' ? activation.item.eccn : activation.item.kind)) return false;
  return test.program === null ? true : runCondition(test.program, activation);
}
