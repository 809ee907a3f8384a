import type { DeterminationInput } from '../determination/determination-input.js';
import type { DeterminationResult } from '../determination/determination-result.js';
import type { PolicyCoordinates } from '../policy/policy-state.js';
import type { Instant } from '../time/instant.js';

export const DETERMINATION_ISSUED = 'DeterminationIssued';
export const ALLOCATION_DRAWN = 'AllocationDrawn';
export const DETERMINATION_STREAM_PREFIX = 'determination-';
export const LEDGER_STREAM_PREFIX = 'ledger-';

/** One stream per determination of record. */
export function determinationStream(determinationId: string): string {
  return `${DETERMINATION_STREAM_PREFIX}${determinationId}`;
}

/** One stream per ledger, consignee and calendar year (DOMAIN.md "Ledger stream"). */
export function ledgerStream(ledger: string, consigneeId: string, year: number): string {
  return `${LEDGER_STREAM_PREFIX}${ledger}-${encodeURIComponent(consigneeId)}-${year}`;
}

/** What the caller asked for, before defaults: a retry under the same commandId must ask the same. */
export interface IssueRequest {
  policyId: string | null;
  validAt: Instant | null;
}

/** The stored DeterminationIssued event: the full input, coordinates, ledger figures and result. */
export interface DeterminationIssued {
  determinationId: string;
  policyId: string;
  input: DeterminationInput;
  coordinates: Required<Pick<PolicyCoordinates, 'validAt' | 'knownAt' | 'knownPosition'>> & { publishedBy: Instant | null };
  /** The year-to-date ledger figures it was decided on. */
  ledger: Record<string, number>;
  result: DeterminationResult;
  issuedAt: Instant;
  issuedBy: string;
  reference?: string;
  /** What was asked; null in determinations recorded before it was kept (stored version 1). */
  request: IssueRequest | null;
}

/** One draw on a capped exception's ledger, for one determination. */
export interface AllocationDrawn {
  determinationId: string;
  ledger: string;
  consigneeId: string;
  year: number;
  amount: number;
  usedBefore: number;
  cap: number;
}

export type IssuanceEvent = { type: typeof DETERMINATION_ISSUED; data: DeterminationIssued } | { type: typeof ALLOCATION_DRAWN; data: AllocationDrawn };
