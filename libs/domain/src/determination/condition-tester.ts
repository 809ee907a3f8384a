import { runCondition, type CelActivation, type ConditionResult } from '../rules/compile-condition.js';
import type { CompiledPolicy, CompiledRule, EccnConjunct, SharedConjunct } from '../rules/compile-policy.js';

/** Past this many ECCNs an ECCN-only part is still evaluated, just no longer remembered. */
const ECCN_MEMO_LIMIT = 4096;

/**
 * Evaluates conditions for one determination, in the parts compileCondition split them into:
 * item guards as set lookups, ECCN-only parts once per ECCN (remembered by the compiled policy),
 * each shared conjunct at most once per determination (whatever rules contain it), the per-item
 * rest for each item. The parts combine as CEL's `&&` does: false wins over an error, an error
 * over true.
 */
export class ConditionTester {
  /** Value of each shared conjunct once evaluated. */
  private readonly shared: (ConditionResult | undefined)[];
  /** By index into policy.parameterNames: true once CEL read the parameter. */
  readonly parameterRead: (true | undefined)[];

  constructor(private readonly policy: CompiledPolicy) {
    this.shared = new Array<ConditionResult | undefined>(policy.shared.length);
    this.parameterRead = new Array<true | undefined>(policy.parameterNames.length);
  }

  test(compiled: CompiledRule, activation: CelActivation): ConditionResult {
    const condition = compiled.condition;
    if (condition.eccnIn !== null && !condition.eccnIn.has(activation.item.eccn)) return false;
    if (condition.kindIn !== null && !condition.kindIn.has(activation.item.kind)) return false;
    let result: ConditionResult = true;
    if (compiled.byEccn >= 0) {
      const value = eccnValue(this.policy.byEccn[compiled.byEccn] as EccnConjunct, activation);
      if (value === false) return false;
      if (typeof value === 'object') result = value;
    }
    // A shared value already known to be false settles the condition for free.
    for (const ref of compiled.shared) if (this.shared[ref.id] === ref.negated) return false;
    // Then shared conjuncts before the per-item part: their values serve every rule and item.
    for (const ref of compiled.shared) {
      const value = this.shared[ref.id] ?? this.evaluateShared(ref.id, activation);
      if (typeof value === 'object') result = result === true ? value : result;
      else if (value === ref.negated) return false;
    }
    const perItem = condition.perItem;
    if (perItem === null) return result;
    this.markRead(compiled.perItemParameters);
    const own = runCondition(perItem.program, activation);
    if (own === false) return false;
    return result === true ? own : result;
  }

  private evaluateShared(id: number, activation: CelActivation): ConditionResult {
    const conjunct = this.policy.shared[id] as SharedConjunct;
    this.markRead(conjunct.parameters);
    return (this.shared[id] = runCondition(conjunct.program, activation));
  }

  private markRead(parameters: readonly number[]): void {
    for (const index of parameters) this.parameterRead[index] = true;
  }
}

function eccnValue(conjunct: EccnConjunct, activation: CelActivation): ConditionResult {
  const eccn = activation.item.eccn;
  const known = conjunct.values.get(eccn);
  if (known !== undefined) return known;
  const value = runCondition(conjunct.program, activation);
  if (conjunct.values.size < ECCN_MEMO_LIMIT) conjunct.values.set(eccn, value);
  return value;
}
