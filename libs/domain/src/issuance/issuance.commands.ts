import type { CompiledPolicy } from '../determination/compile-policy.js';
import type { DeterminationInput } from '../determination/determination-input.js';
import type { PolicyVersion } from '../policy/policy-state.js';
import type { Instant } from '../time/instant.js';
import type { IssueRequest } from './issuance.events.js';

/**
 * Decide and record a determination at (validAt, knownAt), drawing on capped exceptions. The
 * shell resolves the policy version and reads the determination's stream and the ledgers of
 * `ledgers` for the consignee and `ledgerYear(validAt)`; `issuedAt` and the id come from it too.
 */
export interface IssueDetermination {
  type: 'IssueDetermination';
  data: {
    determinationId: string;
    /** The policy it is decided under (the request's, or the default). */
    policyId: string;
    /** What the caller asked, kept to tell a retry from a reused commandId. */
    request: IssueRequest;
    input: DeterminationInput;
    coordinates: { validAt: Instant; knownAt: Instant };
    version: PolicyVersion;
    /** The version's compiled rules (from a cache); compiled on the spot if absent. */
    compiled?: CompiledPolicy;
    /** The capped ledgers of the version (cappedLedgers): their figures are what the decision reads. */
    ledgers: readonly string[];
    issuedAt: Instant;
    issuedBy: string;
  };
}

export type IssuanceCommand = IssueDetermination;
