import type { PolicyDocument } from '#domain';
import { DEFAULT_POLICY_ID } from '#policy';

/** BENCH FIXTURE, not law: a hypothetical halving of the LPP cap from the AI Diffusion rule's compliance date. */
export const BENCH_AMENDMENT: PolicyDocument = {
  id: 'bench-lpp-cap-halved',
  policyId: DEFAULT_POLICY_ID,
  title: 'BENCH FIXTURE: License Exception LPP cap halved',
  rationale: 'Benchmark fixture: a one-parameter amendment that flips the LPP determinations drawing past the new cap. Not a real legal action.',
  source: { citation: 'BENCH FIXTURE: hypothetical notice, not a real legal action', publishedAt: '2026-11-01T00:00:00.000Z' },
  changes: [
    {
      type: 'SET_THRESHOLD',
      parameter: 'lpp.cap.tpp',
      value: 13_450_000,
      unit: 'TPP per ultimate consignee per calendar year',
      effectiveAt: '2025-05-15T00:00:00.000Z',
    },
  ],
};
