import type { DeterminationInput, PolicyDocument } from '#domain';

export const H100_TPP = 15_831;

/** 200 H100-class chips to an Indian consignee: Tier 2, within LPP's reach from 2025-05-15. */
export function indiaShipment(consigneeId = 'acme-india', quantity = 200): DeterminationInput {
  return {
    destination: 'IN',
    consignee: { id: consigneeId, name: 'Acme India Pvt Ltd', country: 'IN', headquarters: 'IN' },
    items: [{ kind: 'INTEGRATED_CIRCUIT', description: 'H100-class accelerator', tpp: H100_TPP, performanceDensity: 19.4, quantity }],
    reference: `PO-${consigneeId}-${quantity}`,
  };
}

/**
 * TEST FIXTURE, not law: a made-up retroactive reassignment of India to Tier 3, used to show that
 * a correction recorded today changes answers for today's knowledge only.
 */
export function fictitiousIndiaTier3(effectiveAt: string): PolicyDocument {
  return {
    id: `test-fixture-india-tier-3-${effectiveAt}`,
    policyId: 'ai-export-controls',
    title: 'TEST FIXTURE: India to Tier 3 (fictitious)',
    rationale: 'Test fixture for end-to-end tests; not a real legal action.',
    source: { citation: 'TEST FIXTURE, fictitious notice', publishedAt: '2026-11-01T00:00:00.000Z' },
    changes: [{ type: 'REASSIGN_TIER', country: 'IN', tier: 3, effectiveAt }],
  };
}

export const RESULT_FIELDS = `outcome reviewPolicy exceptions
  items { index eccn outcome reviewPolicy exceptions }
  trace { ruleId kind matched citation explanation }
  enforcement { regime status since source { citation } }
  facts ledgerDraws engineVersion
  policyVersion { validAt knownAt knownPosition publishedBy stateHash }`;

export const DETERMINATION_FIELDS = `id issuedAt issuedBy input reference ledger position ${RESULT_FIELDS}`;

/** The typed twins of the deprecated JSON fields (ADR 029). */
const TYPED_RESULT = `factEntries { name string number boolean strings } draws { ledger amount usedBefore cap }`;
const GIVEN_INPUT = `givenInput {
  destination endUse reference transaction
  consignee { id name country headquarters ultimateParent veu majorityOwnedFromD5OrMacau }
  items { kind description eccn tpp performanceDensity quantity trainingOperations openWeights designedForDatacenter memoryBandwidth }
}`;

/** As RESULT_FIELDS and DETERMINATION_FIELDS, with the typed fields in place of the deprecated JSON ones (what REST answers carry). */
export const TYPED_RESULT_FIELDS = RESULT_FIELDS.replace('facts ledgerDraws', TYPED_RESULT);
export const TYPED_DETERMINATION_FIELDS = `id issuedAt issuedBy ${GIVEN_INPUT} reference ledgerFigures { ledger drawn } position ${TYPED_RESULT_FIELDS}`;
