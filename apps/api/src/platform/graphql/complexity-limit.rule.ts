import { GraphQLError, Kind, type DocumentNode, type FieldNode, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { fieldCost, selectionTimes } from './field-costs.js';
import { foldSelections, operationLabel } from './selection-walk.js';

export interface ComplexityLimit {
  maxComplexity: number;
  /** The page size assumed for `first: $variable` without a default (variables are not known at validation). */
  assumedPageSize: number;
}

/**
 * The estimated cost of an operation: each selected field costs its own cost (field-costs.ts: 1
 * unless named there) plus the cost of its own selections (once per ten items for a field taking
 * a determination input), times its `first` argument when it has one (a page of results);
 * `__typename` is free. Without `variables` (validation results are cached per document),
 * `first: $n` counts as the variable's default or `assumedPageSize` and items given in variables
 * are not counted; with them (at execution, complexityAtExecution), they are.
 */
export function operationComplexity(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  assumedPageSize: number,
  variables?: Record<string, unknown>,
): number {
  const costOf = foldSelections(
    document,
    (field, below) =>
      field.name.value === '__typename'
        ? 0
        : pageSize(field, operation, assumedPageSize, variables) * (fieldCost(field, variables) + selectionTimes(field, variables) * below()),
    (a, b) => a + b,
  );
  return costOf(operation.selectionSet);
}

/** Refuses operations whose estimated cost (operationComplexity) exceeds the limit. */
export function complexityLimitRule({ maxComplexity, assumedPageSize }: ComplexityLimit): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const complexity = operationComplexity(context.getDocument(), operation, assumedPageSize);
      if (complexity > maxComplexity) context.reportError(tooComplex(operation, complexity, maxComplexity));
    },
  });
}

/**
 * The same limit once the variables are known (a Mercurius preExecution hook's part): a document
 * passes validation with its items in variables uncounted, so an operation evaluating a thousand
 * items per alias is refused here. Returns the complexity, which the rate limit charges.
 */
export function complexityAtExecution(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  { maxComplexity, assumedPageSize }: ComplexityLimit,
): number {
  const complexity = operationComplexity(document, operation, assumedPageSize, variables);
  if (complexity > maxComplexity) throw tooComplex(operation, complexity, maxComplexity);
  return complexity;
}

function tooComplex(operation: OperationDefinitionNode, complexity: number, maxComplexity: number): GraphQLError {
  return new GraphQLError(
    `${operationLabel(operation)} has complexity ${complexity}, over the maximum complexity of ${maxComplexity}; ask for fewer fields, items or aliases at once`,
    { nodes: operation, extensions: { code: 'BAD_USER_INPUT', limit: maxComplexity, complexity } },
  );
}

/**
 * Every paged field refuses a `first` over 500, naming the argument; a larger value in the
 * variables counts as 500 here, so that refusal (more precise than a complexity) is the one given.
 */
const LARGEST_PAGE = 500;

function pageSize(field: FieldNode, operation: OperationDefinitionNode, assumed: number, variables?: Record<string, unknown>): number {
  const value = field.arguments?.find((argument) => argument.name.value === 'first')?.value;
  if (value === undefined) return 1;
  if (value.kind === Kind.INT) return Math.max(1, Number(value.value));
  if (value.kind === Kind.VARIABLE) {
    const given = variables?.[value.name.value];
    if (typeof given === 'number') return Math.max(1, Math.min(given, LARGEST_PAGE));
    const fallback = operation.variableDefinitions?.find((definition) => definition.variable.name.value === value.name.value)?.defaultValue;
    return fallback?.kind === Kind.INT ? Math.max(1, Number(fallback.value)) : assumed;
  }
  return 1;
}
