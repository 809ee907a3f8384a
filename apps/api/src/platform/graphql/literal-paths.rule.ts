import { Kind, type ASTNode, type ValidationRule, type ValueNode } from 'graphql';

const paths = new WeakMap<ASTNode, string>();

/**
 * Records the path of every value written in the document, from the argument (or variable
 * default) that holds it: `at.validAt`, `input.items.0.quantity`. graphql-js's own rules report
 * a bad literal at its node, with the path only in variables' messages; this lets the error
 * mapping name the field for a literal too (literalPath). Reports nothing itself.
 */
export const literalPathsRule: ValidationRule = () => ({
  Argument(argument) {
    record(argument.value, argument.name.value);
  },
  VariableDefinition(definition) {
    if (definition.defaultValue) record(definition.defaultValue, definition.variable.name.value);
  },
});

function record(value: ValueNode, path: string): void {
  paths.set(value, path);
  if (value.kind === Kind.LIST) {
    value.values.forEach((item, index) => record(item, `${path}.${index}`));
  } else if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const fieldPath = `${path}.${field.name.value}`;
      paths.set(field, fieldPath);
      record(field.value, fieldPath);
    }
  }
}

/** The path literalPathsRule recorded for a value (or object field) node of a validated document. */
export function literalPath(node: ASTNode): string | undefined {
  return paths.get(node);
}
