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
 * Something the exporter must do to rely on an exception (a prior notification, a purchase
 * order, a yearly cap): part of the answer whenever the exception is relied on. `code` is
 * upper-case words joined by `_`, e.g. PRIOR_NOTIFICATION.
 */
export interface ExceptionConditionDefinition {
  code: string;
  description: string;
  citation?: string;
}

/**
 * A rule as data. `condition` is a CEL expression over the determination facts (see
 * determination/facts.ts) and `params` (the policy's parameters by name).
 * - classification rules assign `eccn` to an item that has none;
 * - requirement rules impose a license requirement reviewed under `reviewPolicy`;
 * - exception rules (`code`, e.g. "LPP") cover the requirement rules listed in `covers`,
 *   optionally up to a ledger `cap`, subject to the `conditions` the exporter must meet.
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
  conditions?: ExceptionConditionDefinition[];
  /** Lower runs first among classification rules; the first match assigns the ECCN. */
  priority?: number;
}
