import { Kind, type FieldNode, type ValueNode } from 'graphql';

/**
 * What a field costs besides its selections, in the points of the complexity limit and the rate
 * limit (docs/adr/017-fair-use.md), as GitHub's and Shopify's GraphQL APIs charge by field.
 * Fields not named cost 1. Weighed by what they do on the server: verifying the audit trail
 * reads the whole log, an impact run re-evaluates every recorded determination in a window.
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  verifyAuditTrail: 500,
  amendmentImpact: 200,
  amendmentTestRun: 100,
  replayDetermination: 20,
  auditInclusionProof: 10,
  auditConsistencyProof: 10,
  auditCheckpoint: 5,
  amendmentRedline: 10,
  policyDiff: 10,
  policyHistory: 5,
  issueDetermination: 5,
  evaluate: 1,
};

/**
 * Fields that take a determination input also cost a point per this many items, and what they
 * select counts once per this many items: the answer holds an item result, a facts entry and
 * trace entries for every item, so a thousand items answered with every field weigh a hundred
 * times what ten do.
 */
export const ITEMS_PER_POINT = 10;
const PER_ITEM_FIELDS = new Set(['evaluate', 'issueDetermination']);

/** The cost of one field itself; `variables` when known (at execution), else items are not counted. */
export function fieldCost(field: FieldNode, variables?: Record<string, unknown>): number {
  return (FIELD_COSTS[field.name.value] ?? 1) + (itemTens(field, variables) ?? 0);
}

/**
 * How many times a field's selections count: for a field taking a determination input, once per
 * ITEMS_PER_POINT items (at least once); for any other field, once.
 */
export function selectionTimes(field: FieldNode, variables?: Record<string, unknown>): number {
  return Math.max(1, itemTens(field, variables) ?? 1);
}

function itemTens(field: FieldNode, variables: Record<string, unknown> | undefined): number | undefined {
  if (!PER_ITEM_FIELDS.has(field.name.value)) return undefined;
  const input = field.arguments?.find((argument) => argument.name.value === 'input')?.value;
  return Math.ceil((input === undefined ? 0 : itemCount(input, variables)) / ITEMS_PER_POINT);
}

function itemCount(input: ValueNode, variables: Record<string, unknown> | undefined): number {
  if (input.kind === Kind.VARIABLE) {
    const items = (variables?.[input.name.value] as { items?: unknown } | undefined)?.items;
    return Array.isArray(items) ? items.length : 0;
  }
  if (input.kind !== Kind.OBJECT) return 0;
  const items = input.fields.find((f) => f.name.value === 'items')?.value;
  if (items?.kind === Kind.LIST) return items.values.length;
  if (items?.kind === Kind.VARIABLE) {
    const value = variables?.[items.name.value];
    return Array.isArray(value) ? value.length : 0;
  }
  return 0;
}
