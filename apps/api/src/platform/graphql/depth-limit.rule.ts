import { GraphQLError, type ValidationRule } from 'graphql';
import { foldSelections, operationLabel } from './selection-walk.js';

/**
 * Refuses operations nested deeper than `maxDepth` fields (fragments add no level). `ofType`
 * adds no level either: introspection's type-unwrapping chain returns at most one type per level,
 * so it cannot multiply work, and graphql-js's standard introspection query nests it 8 deep.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const depthOf = foldSelections(context.getDocument(), (field, below) => (field.name.value === 'ofType' ? 0 : 1) + below(), Math.max);
      const depth = depthOf(operation.selectionSet);
      if (depth > maxDepth) {
        context.reportError(
          new GraphQLError(`${operationLabel(operation)} is ${depth} levels deep, over the maximum depth of ${maxDepth}`, {
            nodes: operation,
            extensions: { code: 'BAD_USER_INPUT', limit: maxDepth, depth },
          }),
        );
      }
    },
  });
}
