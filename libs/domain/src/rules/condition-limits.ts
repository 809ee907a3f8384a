/**
 * Bounds on what a condition may be and cost (docs/adr/016-bounded-rule-evaluation.md). A cost
 * unit is roughly one CEL operation on a scalar; string work is charged a tenth of a unit per
 * character, as Kubernetes charges CEL string traversal.
 */
export const CONDITION_LIMITS = Object.freeze({
  /** Highest estimated cost of one condition for one item. */
  maxCost: 50_000,
  /** Comprehensions (`all`, `exists`, `exists_one`, `map`, `filter`) inside one another. */
  maxComprehensionNesting: 2,
  /** Characters in one string literal (a regular expression included). */
  maxLiteralLength: 1_000,
  /** Elements in one list or map literal. */
  maxLiteralElements: 256,
  /** Characters of a condition's text. */
  maxConditionLength: 10_000,
  /** Nesting of a condition's syntax tree, and its node count (enforced by the CEL parser). */
  maxDepth: 32,
  maxAstNodes: 2_000,
});
