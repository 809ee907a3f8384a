import { GraphQLError, Kind, type FieldNode, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { foldSelections, operationLabel } from './selection-walk.js';

export interface ComplexityLimit {
  maxComplexity: number;
  /** The page size assumed for `first: $variable` without a default (variables are not known at validation). */
  assumedPageSize: number;
}

/**
 * Refuses operations whose estimated cost exceeds the limit. Each selected field costs 1 plus
 * the cost of its own selections, times its `first` argument when it has one (a page of
 * results); `__typename` is free. Validation results are cached per document, so variable
 * values cannot be used: `first: $n` counts as the variable's default or `assumedPageSize`.
 */
export function complexityLimitRule({ maxComplexity, assumedPageSize }: ComplexityLimit): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const costOf = foldSelections(
        context.getDocument(),
        (field, below) => (field.name.value === '__typename' ? 0 : pageSize(field, operation, assumedPageSize) * (1 + below())),
        (a, b) => a + b,
      );
      const complexity = costOf(operation.selectionSet);
      if (complexity > maxComplexity) {
        context.reportError(
          new GraphQLError(`${operationLabel(operation)} has complexity ${complexity}, over the maximum complexity of ${maxComplexity}`, {
            nodes: operation,
            extensions: { code: 'BAD_USER_INPUT', limit: maxComplexity, complexity },
          }),
        );
      }
    },
  });
}

function pageSize(field: FieldNode, operation: OperationDefinitionNode, assumed: number): number {
  const value = field.arguments?.find((argument) => argument.name.value === 'first')?.value;
  if (value === undefined) return 1;
  if (value.kind === Kind.INT) return Math.max(1, Number(value.value));
  if (value.kind === Kind.VARIABLE) {
    const fallback = operation.variableDefinitions?.find((definition) => definition.variable.name.value === value.name.value)?.defaultValue;
    return fallback?.kind === Kind.INT ? Math.max(1, Number(fallback.value)) : assumed;
  }
  return 1;
}
