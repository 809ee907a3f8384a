import type { ParseResult, TypeCheckResult } from '@marcbachmann/cel-js';
import type { RuleActivation } from '../determination/facts.js';
import { ConditionInvalidError } from './condition-error.js';
import { analyseCondition, ParamsMisuse, type ConditionAnalysis } from './condition-analysis.js';
import { factsEnvironment, type ConsigneeFactsValue, type CountryFactsValue, type ItemFactsValue } from './cel-environment.js';

/** The activation CEL reads: the facts as the typed values the environment declares. */
export interface CelActivation extends RuleActivation {
  destination: CountryFactsValue;
  consignee: ConsigneeFactsValue;
  item: ItemFactsValue;
}

export interface CompiledCondition extends ConditionAnalysis {
  expression: string;
  /** True when the condition holds; throws the library's EvaluationError on a runtime error. */
  evaluate(activation: CelActivation): boolean;
}

type CheckError = NonNullable<TypeCheckResult['error']>;

/**
 * Parses and type-checks a CEL condition against the facts vocabulary.
 * @throws ConditionInvalidError (POLICY_INVALID) with the offset, line and column of the fault
 */
export function compileCondition(expression: string, ruleId?: string): CompiledCondition {
  let program: ParseResult;
  try {
    program = factsEnvironment.parse(expression);
  } catch (error) {
    throw invalid(error as CheckError, expression, ruleId);
  }
  const checked = program.check();
  if (!checked.valid) throw invalid(checked.error as CheckError, expression, ruleId);
  if (checked.type !== 'bool') {
    throw new ConditionInvalidError(`must be a bool expression, got ${checked.type}`, expression, 0, ruleId);
  }
  const analysis = analyseCondition(program.ast);
  if (analysis instanceof ParamsMisuse) {
    const reason = 'params must be read one parameter at a time by a literal name, e.g. params["lpp.cap.tpp"]';
    throw new ConditionInvalidError(reason, expression, analysis.offset, ruleId);
  }
  return { expression, ...analysis, evaluate: (activation) => program(activation) === true };
}

function invalid(error: CheckError, expression: string, ruleId?: string): ConditionInvalidError {
  if (!(error instanceof Error) || !('summary' in error)) throw error;
  const offset = error.range?.start ?? error.node?.start ?? 0;
  return new ConditionInvalidError(reason(error), expression, offset, ruleId);
}

function reason(error: CheckError): string {
  if (error.code === 'unknown_variable' || error.code === 'no_such_key') {
    return `references unknown facts: ${error.summary}`;
  }
  if (/overload.*(double.*\bint\b|\bint\b.*double)/.test(error.summary)) {
    return `${error.summary} (facts are CEL doubles: write number literals as doubles, e.g. 1.0)`;
  }
  return error.summary;
}
