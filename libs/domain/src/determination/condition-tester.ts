import { EvaluationError } from '@marcbachmann/cel-js';
import type { CelActivation, ConditionProgram } from '../rules/compile-condition.js';
import type { CompiledPolicy, CompiledRule, SharedConjunct } from '../rules/compile-policy.js';

/** A condition's value, or the runtime error that stopped it (e.g. a parameter the state lacks). */
export type ConditionResult = boolean | { error: string };

/**
 * Evaluates conditions for one determination, in the parts compileCondition split them into:
 * item guards as set lookups, each shared conjunct at most once per determination (whatever
 * rules contain it), the per-item rest for each item. The parts combine as CEL's `&&` does:
 * false wins over an error, an error over true.
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
    for (const ref of compiled.shared) {
      const value = this.shared[ref.id] ?? this.evaluateShared(ref.id, activation);
      if (typeof value === 'object') result = result === true ? value : result;
      else if (value === ref.negated) return false;
    }
    const perItem = condition.perItem;
    if (perItem === null) return result;
    this.markRead(compiled.perItemParameters);
    const own = run(perItem.program, activation);
    if (own === false) return false;
    return result === true ? own : result;
  }

  private evaluateShared(id: number, activation: CelActivation): ConditionResult {
    const conjunct = this.policy.shared[id] as SharedConjunct;
    this.markRead(conjunct.parameters);
    return (this.shared[id] = run(conjunct.program, activation));
  }

  private markRead(parameters: readonly number[]): void {
    for (const index of parameters) this.parameterRead[index] = true;
  }
}

function run(program: ConditionProgram, activation: CelActivation): ConditionResult {
  try {
    return program(activation);
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    return { error: error.summary };
  }
}
