import { EvaluationError } from '@marcbachmann/cel-js';
import type { CelActivation } from '../rules/compile-condition.js';
import type { CompiledPolicy, CompiledRule } from '../rules/compile-policy.js';

/** A condition's value, or the runtime error that stopped it (e.g. a parameter the state lacks). */
export type ConditionResult = boolean | { error: string };

/**
 * Evaluates conditions for one determination. A condition that never reads `item` has one value
 * for every item, so it is evaluated once; a failed item guard (`item.eccn == "..."` as a
 * top-level conjunct) makes a condition false without running CEL.
 */
export class ConditionTester {
  private readonly shared: (ConditionResult | undefined)[];
  private readonly evaluated: Uint8Array;

  constructor(private readonly policy: CompiledPolicy) {
    this.shared = new Array<ConditionResult | undefined>(policy.ruleCount);
    this.evaluated = new Uint8Array(policy.ruleCount);
  }

  test(compiled: CompiledRule, activation: CelActivation): ConditionResult {
    const condition = compiled.condition;
    if (!condition.readsItem) {
      const known = this.shared[compiled.slot];
      if (known !== undefined) return known;
    }
    for (const guard of condition.guards) {
      if (!guard.values.has(activation.item[guard.field])) return false;
    }
    this.evaluated[compiled.slot] = 1;
    let result: ConditionResult;
    try {
      result = condition.evaluate(activation);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      result = { error: error.summary };
    }
    if (!condition.readsItem) this.shared[compiled.slot] = result;
    return result;
  }

  /** Parameters read by every condition CEL actually evaluated; sorted. */
  parametersRead(): string[] {
    const names = new Set<string>();
    for (const group of [this.policy.classification, this.policy.requirement, this.policy.exception]) {
      for (const compiled of group) {
        if (this.evaluated[compiled.slot]) for (const name of compiled.condition.parameters) names.add(name);
      }
    }
    return [...names].sort();
  }
}
