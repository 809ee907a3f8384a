import type { CountryClassification, EnforcementStatus, LegalStatus, PolicyRule, PolicyVersion, Provenance, RegimeState } from '../policy/policy-state.js';
import type { RuleDefinition } from '../rules/rule-definition.js';

/**
 * Test support: a policy version built by hand, so engine tests state exactly the policy they
 * need without going through events. Every piece gets the same provenance unless told otherwise.
 */
export interface PolicyFixture {
  countries?: Record<string, { tier?: 1 | 2 | 3 | null; groups?: string[] }>;
  parameters?: Record<string, number>;
  rules?: RuleDefinition[];
  regimes?: Record<string, { legalStatus?: LegalStatus; enforcementStatus?: EnforcementStatus; since?: Provenance }>;
  validAt?: string;
  /** Notes of UNCONFIRMED changes by change id (the provenance of every piece is FIXTURE_PROVENANCE unless a rule says otherwise). */
  unconfirmed?: Record<string, string>;
}

export const FIXTURE_PROVENANCE: Provenance = {
  changeId: 'fixture#0',
  effectiveAt: '2025-01-13T00:00:00.000Z',
  source: { citation: '90 FR 4544', url: 'https://www.federalregister.gov/d/2025-00636', publishedAt: '2025-01-15T00:00:00.000Z' },
};

export function fixtureVersion(fixture: PolicyFixture): PolicyVersion {
  const from = FIXTURE_PROVENANCE;
  const countries = new Map<string, CountryClassification>(
    Object.entries(fixture.countries ?? {}).map(([country, c]) => [country, { country, tier: c.tier ?? null, groups: c.groups ?? [] }]),
  );
  const parameters = new Map(Object.entries(fixture.parameters ?? {}).map(([name, value]) => [name, { name, value, unit: 'n', ...from }]));
  const rules = new Map<string, PolicyRule>((fixture.rules ?? []).map((rule) => [rule.id, { ...from, ...rule }]));
  const regimes = new Map<string, RegimeState>(
    Object.entries(fixture.regimes ?? {}).map(([id, r]) => [
      id,
      {
        id,
        title: id,
        legalStatus: r.legalStatus ?? 'IN_FORCE',
        legalSince: r.since ?? from,
        enforcementStatus: r.enforcementStatus ?? 'ENFORCED',
        enforcementSince: r.since ?? from,
      },
    ]),
  );
  return {
    policyId: 'ai-export-controls',
    validAt: fixture.validAt ?? '2025-06-01T00:00:00.000Z',
    knownAt: '2026-07-23T00:00:00.000Z',
    knownPosition: 42,
    publishedBy: null,
    stateHash: 'fixture',
    state: { countries, parameters, rules, regimes, unconfirmed: new Map(fixture.unconfirmed ? Object.entries(fixture.unconfirmed) : []) },
  };
}
