import { runCondition, type CelActivation, type ConditionResult } from '../rules/compile-condition.js';
import { ITEM_TEST_MEMO_LIMIT, type CompiledPolicy, type CompiledRule, type ItemTest, type SharedConjunct } from './compile-policy.js';
import type { ConditionMemo, SharedValues } from './condition-memo.js';
import type { NoteMasks } from './fact-notes.js';

type Row = (ConditionResult | undefined)[];

/**
 * Another value of a fact the input left out (ruling-notes.ts): `of` makes the activation that
 * reads it. `variant` numbers the alternatives of the context's facts (0 up), which are the same
 * for every item of a determination; -1 for an item's.
 */
export interface FactAlternative {
  bit: number;
  variant: number;
  of(activation: CelActivation): CelActivation;
}

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
  /*
   * Every field is given a value here, even `undefined`: a field first assigned in a method would
   * give testers different hidden classes by the order their methods ran, and the engine's loads
   * of them would go megamorphic once a process has run many policies.
   */
  /** The per-item part's value in the last test, when it got that far; kept only with `masks`. */
  private lastOwn: ConditionResult | undefined = undefined;
  /** The last activation made for an alternative, and what it was made from. */
  private alternative: FactAlternative | undefined = undefined;
  private alternativeTested: CelActivation | undefined = undefined;
  private alternativeActivation: CelActivation | undefined = undefined;
  /** By context alternative's variant, then shared conjunct id: the conjunct's value under it. */
  private readonly sharedUnder: (ConditionResult | undefined)[][] = [];

  /** The item test rows of the ECCN and kind last seen. */
  private eccn: string | undefined = undefined;
  private eccnRow: Row = [];
  private kind: string | undefined = undefined;
  private kindRow: Row = [];

  /**
   * `remembered`: the compiled policy's ConditionMemo and its shared values for this
   * determination's context, filled as conjuncts are evaluated. Without `masks` (the outcome
   * alone) the remembered values are read from the start, one remembered marks no parameter read,
   * and per-item parts are remembered too. With `masks` (a full result) a shared conjunct is still
   * taken up only when a rule consults it, as without a memo, so the parameters read and the notes
   * are the same; the memo spares only CEL's work on shared conjuncts.
   */
  constructor(
    private readonly policy: CompiledPolicy,
    private readonly remembered?: { memo: ConditionMemo; shared: SharedValues },
    private readonly masks?: NoteMasks,
  ) {
    // When every shared conjunct is remembered, the memo's row itself is this determination's.
    if (remembered && !masks) this.shared = remembered.memo.rememberedAll ? remembered.shared : remembered.shared.slice();
    else this.shared = new Array<ConditionResult | undefined>(policy.shared.length);
    this.parameterRead = new Array<true | undefined>(policy.parameterNames.length);
  }

  test(compiled: CompiledRule, activation: CelActivation): ConditionResult {
    const masks = this.masks;
    if (masks) {
      this.lastRead = 0;
      this.lastReachedParts = false;
      this.lastOwn = undefined;
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
    const own = (masks ? undefined : this.remembered?.memo.perItem(compiled)?.valueFor(activation)) ?? runCondition(perItem.program, activation);
    if (masks) this.lastOwn = own;
    if (own === false) return false;
    return result === true ? own : result;
  }

  /**
   * The value the rule just tested (with `masks`) takes when a fact the input left out reads as
   * `alternative` instead: the parts that read none of its facts keep their values, the others
   * are evaluated under the alternative, and the parts combine as in test(), so this is the whole
   * condition's value under it without running it whole. Marks no parameter read.
   */
  valueUnder(compiled: CompiledRule, tested: CelActivation, alternative: FactAlternative): ConditionResult {
    const masks = this.masks as NoteMasks;
    const bit = alternative.bit;
    let other = this.alternativeTested === tested && this.alternative === alternative ? this.alternativeActivation : undefined;
    let result: ConditionResult = true;
    // The item tests read the item's kind and ECCN alone, never a fact an input leaves out.
    if (compiled.kindTest >= 0) {
      const value = this.kindValue(compiled.kindTest, tested);
      if (value === false) return false;
      if (typeof value === 'object') result = value;
    }
    if (compiled.eccnTest >= 0) {
      const value = this.eccnValue(compiled.eccnTest, tested);
      if (value === false) return false;
      if (typeof value === 'object') result = result === true ? value : result;
    }
    for (const ref of compiled.shared) {
      let value: ConditionResult;
      if (((masks.shared[ref.id] as number) & bit) === 0) {
        value = this.shared[ref.id] ?? runCondition((this.policy.shared[ref.id] as SharedConjunct).program, tested);
      } else {
        const known = alternative.variant < 0 ? undefined : this.sharedUnder[alternative.variant]?.[ref.id];
        value = known ?? runCondition((this.policy.shared[ref.id] as SharedConjunct).program, (other ??= this.activationUnder(alternative, tested)));
        if (known === undefined && alternative.variant >= 0) (this.sharedUnder[alternative.variant] ??= [])[ref.id] = value;
      }
      if (typeof value === 'object') result = result === true ? value : result;
      else if (value === ref.negated) return false;
    }
    const perItem = compiled.condition.perItem;
    if (perItem === null) return result;
    let own: ConditionResult;
    if (((masks.perItem[compiled.slot] as number) & bit) !== 0) own = runCondition(perItem.program, other ?? this.activationUnder(alternative, tested));
    else own = this.lastOwn ?? runCondition(perItem.program, tested);
    if (own === false) return false;
    return result === true ? own : result;
  }

  /** The activation of an alternative, kept for the next rule consulted for the same item. */
  private activationUnder(alternative: FactAlternative, tested: CelActivation): CelActivation {
    this.alternative = alternative;
    this.alternativeTested = tested;
    return (this.alternativeActivation = alternative.of(tested));
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
    const remembered = this.remembered;
    let value: ConditionResult;
    if (remembered?.memo.remembered[id] === true) value = remembered.shared[id] ??= runCondition(conjunct.program, activation);
    else value = runCondition(conjunct.program, activation);
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
