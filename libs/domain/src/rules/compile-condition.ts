import { EvaluationError, serialize, type ASTNode, type ParseResult, type TypeCheckResult } from '@marcbachmann/cel-js';
import type { RuleActivation } from '../determination/facts.js';
import { ConditionInvalidError } from './condition-error.js';
import { analyseCondition, parametersOf, ParamsMisuse } from './condition-analysis.js';
import { factsEnvironment, type ConsigneeFactsValue, type CountryFactsValue, type ItemFactsValue } from './cel-environment.js';
import { childrenOf } from './cel-ast.js';
import { ConditionCostFault, estimateConditionCost } from './condition-cost.js';
import { CONDITION_LIMITS } from './condition-limits.js';
import { LINEAR_MATCHES, patternFault } from './linear-match.js';

/** The activation CEL reads: the facts as the typed values the environment declares. */
export interface CelActivation extends RuleActivation {
  destination: CountryFactsValue;
  consignee: ConsigneeFactsValue;
  item: ItemFactsValue;
}

/** A CEL program: true when it holds; throws the library's EvaluationError on a runtime error. */
export type ConditionProgram = (activation: CelActivation) => boolean;

/** A condition's value, or the runtime error that stopped it (e.g. a parameter the state lacks). */
export type ConditionResult = boolean | { error: string };

export function runCondition(program: ConditionProgram, activation: CelActivation): ConditionResult {
  try {
    return program(activation);
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    return { error: error.summary };
  }
}

/** Part of a condition, compiled on its own. */
export interface Conjunct {
  /** Canonical CEL text of the part without its leading `!`: equal keys have equal values. */
  key: string;
  negated: boolean;
  program: ConditionProgram;
  parameters: string[];
}

/**
 * A compiled condition. `evaluate` runs it whole. The engine runs it in parts with the same
 * value (their conjunction): `eccnIn`/`kindIn` as set lookups, `byEccn` (the conjuncts reading
 * only `item.eccn`) once per ECCN, each `shared` conjunct (those that never name `item`) at most
 * once per determination, `perItem` (the rest, as one program) per item.
 */
export interface CompiledCondition {
  expression: string;
  /** Estimated cost of one evaluation for one item, at most CONDITION_LIMITS.maxCost (condition-cost.ts). */
  cost: number;
  evaluate: ConditionProgram;
  /** Names of the parameters the condition reads, sorted. */
  parameters: string[];
  readsItem: boolean;
  /** The item's ECCN must be one of these for the condition to hold; null when it says nothing. */
  eccnIn: ReadonlySet<string> | null;
  kindIn: ReadonlySet<string> | null;
  shared: Conjunct[];
  byEccn: Conjunct | null;
  perItem: Conjunct | null;
}

type CheckError = NonNullable<TypeCheckResult['error']>;

/**
 * Parses and type-checks a CEL condition against the facts vocabulary, and bounds it: regular
 * expressions must be literals RE2 accepts, and the estimated cost must be within the limits
 * (condition-limits.ts).
 * @throws ConditionInvalidError (POLICY_INVALID) with the offset, line and column of the fault
 */
export function compileCondition(expression: string, ruleId?: string): CompiledCondition {
  if (expression.length > CONDITION_LIMITS.maxConditionLength) {
    throw new ConditionInvalidError(
      `a condition may hold at most ${CONDITION_LIMITS.maxConditionLength} characters`,
      expression,
      CONDITION_LIMITS.maxConditionLength,
      ruleId,
    );
  }
  let program: ParseResult;
  try {
    program = factsEnvironment.parse(expression);
  } catch (error) {
    throw invalid(error as CheckError, expression, ruleId);
  }
  const patternProblem = useLinearMatches(program.ast);
  if (patternProblem) throw new ConditionInvalidError(patternProblem.reason, expression, patternProblem.offset, ruleId);
  const checked = program.check();
  if (!checked.valid) throw invalid(checked.error as CheckError, expression, ruleId);
  if (checked.type !== 'bool') {
    throw new ConditionInvalidError(`must be a bool expression, got ${checked.type}`, expression, 0, ruleId);
  }
  const cost = estimateConditionCost(program.ast);
  if (cost instanceof ConditionCostFault) throw new ConditionInvalidError(cost.reason, expression, cost.offset, ruleId);
  if (cost > CONDITION_LIMITS.maxCost) {
    const reason = `estimated cost ${cost} exceeds the limit of ${CONDITION_LIMITS.maxCost} per item (docs/adr/016-bounded-rule-evaluation.md)`;
    throw new ConditionInvalidError(reason, expression, 0, ruleId);
  }
  const analysis = analyseCondition(program.ast);
  if (analysis instanceof ParamsMisuse) {
    const reason = 'params must be read one parameter at a time by a literal name, e.g. params["lpp.cap.tpp"]';
    throw new ConditionInvalidError(reason, expression, analysis.offset, ruleId);
  }
  return {
    expression,
    cost,
    evaluate: asProgram(program),
    parameters: analysis.parameters,
    readsItem: analysis.readsItem,
    eccnIn: analysis.eccnIn,
    kindIn: analysis.kindIn,
    shared: analysis.shared.map((node) => (node.op === '!_' ? conjunct([node.args], true) : conjunct([node], false))),
    byEccn: analysis.byEccn.length === 0 ? null : conjunct(analysis.byEccn, false),
    perItem: analysis.perItem.length === 0 ? null : conjunct(analysis.perItem, false),
  };
}

/**
 * Points every `matches` call at the RE2 function (linear-match.ts), before the type check binds
 * the call to cel-js's own. Its pattern must be a string literal RE2 accepts, so a bad or
 * unbounded pattern is refused when the condition is drafted, never met at evaluation.
 */
function useLinearMatches(ast: ASTNode): { reason: string; offset: number } | null {
  if (ast.op === 'rcall' && (ast.args[0] === 'matches' || ast.args[0] === LINEAR_MATCHES)) {
    const pattern = (ast.args[2] as ASTNode[])[0];
    if (pattern?.op !== 'value' || typeof pattern.args !== 'string') {
      return { reason: 'matches() takes its regular expression as a string literal', offset: pattern?.start ?? ast.start };
    }
    const fault = patternFault(pattern.args);
    if (fault) return { reason: fault.reason, offset: pattern.start + 1 + fault.offset };
    (ast.args as unknown[])[0] = LINEAR_MATCHES;
  }
  for (const child of childrenOf(ast)) {
    const problem = useLinearMatches(child);
    if (problem) return problem;
  }
  return null;
}

function asProgram(program: ParseResult): ConditionProgram {
  return (activation) => program(activation) === true;
}

/** The conjunction of some top-level conjuncts of a valid condition, compiled on its own. */
function conjunct(nodes: ASTNode[], negated: boolean): Conjunct {
  const key = nodes.length === 1 ? serialize(nodes[0] as ASTNode) : nodes.map((n) => `(${serialize(n)})`).join(' && ');
  const program = factsEnvironment.parse(key);
  const checked = program.check();
  const parameters = parametersOf(program.ast);
  if (!checked.valid || parameters instanceof ParamsMisuse) throw new Error(`part of a valid condition failed to compile: ${key}`);
  return { key, negated, program: asProgram(program), parameters };
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
