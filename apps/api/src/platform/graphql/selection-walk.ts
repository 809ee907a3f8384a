import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Folds a selection set into one number, looking through inline fragments and named fragment
 * spreads (each fragment computed once per walk; unknown or cyclic spreads count as 0 and are
 * reported by graphql-js's own rules). `field` gets a field and the folded value of its own
 * selections; `combine` merges siblings (sum for cost, max for depth). Fragments on different type
 * conditions count as alternatives (the largest of them): exact for the schema's unions, which is
 * all it has; an interface would make an object match two conditions at once (see the spec that
 * holds the schema to this).
 */
export function foldSelections(
  document: DocumentNode,
  field: (node: FieldNode, below: () => number) => number,
  combine: (a: number, b: number) => number,
): (set: SelectionSetNode) => number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const folded = new Map<string, number>();
  const visiting = new Set<string>();

  const fold = (set: SelectionSetNode): number => {
    let total = 0;
    const byType = new Map<string, number>();
    const add = (type: string | undefined, value: number) => {
      if (type === undefined) total = combine(total, value);
      else byType.set(type, combine(byType.get(type) ?? 0, value));
    };
    for (const selection of set.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          add(
            undefined,
            field(selection, () => (selection.selectionSet ? fold(selection.selectionSet) : 0)),
          );
          break;
        case Kind.INLINE_FRAGMENT:
          add(selection.typeCondition?.name.value, fold(selection.selectionSet));
          break;
        case Kind.FRAGMENT_SPREAD:
          add(fragments.get(selection.name.value)?.typeCondition.name.value, foldFragment(selection.name.value));
          break;
      }
    }
    return byType.size === 0 ? total : combine(total, Math.max(...byType.values()));
  };

  const foldFragment = (name: string): number => {
    const fragment = fragments.get(name);
    if (fragment === undefined || visiting.has(name)) return 0;
    if (!folded.has(name)) {
      visiting.add(name);
      folded.set(name, fold(fragment.selectionSet));
      visiting.delete(name);
    }
    return folded.get(name)!;
  };

  return fold;
}

export function operationLabel(operation: OperationDefinitionNode): string {
  const kind = operation.operation[0]!.toUpperCase() + operation.operation.slice(1);
  return operation.name ? `${kind} "${operation.name.value}"` : kind;
}
