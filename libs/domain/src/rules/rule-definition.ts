export type RuleKind = 'classification' | 'requirement' | 'exception';
export type ReviewPolicy = 'PRESUMPTION_OF_APPROVAL' | 'CASE_BY_CASE' | 'PRESUMPTION_OF_DENIAL';

/**
 * A quantity cap on an exception, drawn from a ledger per consignee and calendar year.
 * `parameter` names the cap's value in the policy's parameters (e.g. `lpp.cap.tpp`);
 * `measure` is the item fact that is drawn (`totalTpp` = tpp x quantity).
 */
export interface RuleCap {
  ledger: string;
  parameter: string;
  measure: 'totalTpp' | 'quantity';
}

/**
 * A rule as data. `condition` is a CEL expression over the determination facts (see
 * rules/facts.ts) and `params` (the policy's parameters by name).
 * - classification rules assign `eccn` to an item that has none;
 * - requirement rules impose a license requirement reviewed under `reviewPolicy`;
 * - exception rules (`code`, e.g. "LPP") cover the requirement rules listed in `covers`,
 *   optionally up to a ledger `cap`.
 */
export interface RuleDefinition {
  id: string;
  regime: string;
  kind: RuleKind;
  condition: string;
  citation: string;
  explanation: string;
  eccn?: string;
  reviewPolicy?: ReviewPolicy;
  code?: string;
  covers?: string[];
  cap?: RuleCap;
  /** Lower runs first among classification rules; the first match assigns the ECCN. */
  priority?: number;
}
