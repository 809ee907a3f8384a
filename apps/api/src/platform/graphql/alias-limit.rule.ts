import { GraphQLError, Kind, type SelectionSetNode, type ValidationRule } from 'graphql';

/**
 * Refuses a selection set that selects one field more than `maxRepeats` times (under aliases,
 * or through fragments): a hundred aliased `verifyAuditTrail`s in one request is an attack,
 * never a need. Counted per selection set, fragments included.
 */
export function aliasLimitRule(maxRepeats: number): ValidationRule {
  return (context) => {
    const fragments = new Map(
      context
        .getDocument()
        .definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
    );
    const count = (set: SelectionSetNode, counts: Map<string, number>, seen: Set<string>): void => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) counts.set(selection.name.value, (counts.get(selection.name.value) ?? 0) + 1);
        else if (selection.kind === Kind.INLINE_FRAGMENT) count(selection.selectionSet, counts, seen);
        else if (!seen.has(selection.name.value)) {
          const fragment = fragments.get(selection.name.value);
          if (fragment) count(fragment.selectionSet, counts, new Set(seen).add(selection.name.value));
        }
      }
    };
    return {
      SelectionSet(set) {
        const counts = new Map<string, number>();
        count(set, counts, new Set());
        for (const [field, times] of counts) {
          if (times <= maxRepeats) continue;
          context.reportError(
            new GraphQLError(`The field ${field} is selected ${times} times in one selection set; at most ${maxRepeats} are allowed (aliases count)`, {
              nodes: set,
              extensions: { code: 'BAD_USER_INPUT', field, limit: maxRepeats, times },
            }),
          );
        }
      },
    };
  };
}
