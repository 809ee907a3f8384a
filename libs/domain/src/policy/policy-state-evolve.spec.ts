import { recorded } from './policy-event-builders.js';
import type { PolicyChange } from './policy-change.js';
import { emptyPolicyState, evolvePolicyState } from './policy-state-evolve.js';
import type { PolicyState } from './policy-state.js';

const given = (...changes: PolicyChange[]) => ({
  regime: (id: string) => fold(changes).regimes.get(id),
  state: () => fold(changes),
});

function fold(changes: PolicyChange[]): PolicyState {
  return changes.reduce((state, change, i) => evolvePolicyState(state, recorded(i + 1, change).event), emptyPolicyState());
}

const enact = { type: 'ENACT_REGIME', regime: 'ai-diffusion', title: 'AI Diffusion', effectiveAt: '2025-01-13' } as const;

describe('evolvePolicyState', () => {
  it('keeps legal status and enforcement status on separate axes', () => {
    const regime = given(enact, { type: 'SUSPEND_ENFORCEMENT', regime: 'ai-diffusion', effectiveAt: '2025-05-13' }).regime('ai-diffusion');
    expect(regime).toMatchObject({ legalStatus: 'IN_FORCE', enforcementStatus: 'SUSPENDED' });
    expect(regime?.enforcementSince.effectiveAt).toBe('2025-05-13T00:00:00.000Z');
    expect(regime?.legalSince.effectiveAt).toBe('2025-01-13T00:00:00.000Z');
  });

  it('rescinds and reinstates without touching enforcement', () => {
    const rescinded = given(enact, { type: 'RESCIND_REGIME', regime: 'ai-diffusion', effectiveAt: '2026-01-01' });
    expect(rescinded.regime('ai-diffusion')).toMatchObject({ legalStatus: 'RESCINDED', enforcementStatus: 'ENFORCED' });
    const reinstated = given(
      enact,
      { type: 'RESCIND_REGIME', regime: 'ai-diffusion', effectiveAt: '2026-01-01' },
      { type: 'REINSTATE_REGIME', regime: 'ai-diffusion', effectiveAt: '2026-02-01' },
    );
    expect(reinstated.regime('ai-diffusion')?.legalStatus).toBe('REINSTATED');
  });

  it('leaves the state as it is for a status change of a regime not yet enacted', () => {
    const state = given({ type: 'SUSPEND_ENFORCEMENT', regime: 'unknown', effectiveAt: '2025-05-13' }).state();
    expect(state.regimes.size).toBe(0);
  });

  it('adds, amends and repeals rules, keeping where each came from', () => {
    const rule = { id: 'req.a', regime: 'r', kind: 'requirement', condition: 'true', citation: '§1', explanation: 'x' } as const;
    const amended = given(
      { type: 'ADD_RULE', rule, effectiveAt: '2025-01-13' },
      { type: 'AMEND_RULE', rule: { ...rule, citation: '§2' }, effectiveAt: '2025-02-01' },
    ).state();
    expect(amended.rules.get('req.a')).toMatchObject({ citation: '§2', changeId: 'change-2#0' });
    const repealed = given({ type: 'ADD_RULE', rule, effectiveAt: '2025-01-13' }, { type: 'REPEAL_RULE', ruleId: 'req.a', effectiveAt: '2025-02-01' }).state();
    expect(repealed.rules.has('req.a')).toBe(false);
  });

  it("replaces a country's groups as a sorted set and keeps its tier", () => {
    const state = given(
      { type: 'REASSIGN_TIER', country: 'KH', tier: 3, effectiveAt: '2025-01-13' },
      { type: 'CHANGE_COUNTRY_GROUPS', country: 'KH', groups: ['D:5', 'D:1'], effectiveAt: '2025-01-13' },
      { type: 'CHANGE_COUNTRY_GROUPS', country: 'KH', groups: ['D:1'], effectiveAt: '2026-02-03' },
    ).state();
    expect(state.countries.get('KH')).toMatchObject({ tier: 3, groups: ['D:1'] });
  });

  it('does not mutate the state it was given', () => {
    const before = given(enact).state();
    evolvePolicyState(before, recorded(9, { type: 'SET_THRESHOLD', parameter: 'p', value: 1, unit: 'u', effectiveAt: '2025-01-13' }).event);
    expect(before.parameters.size).toBe(0);
  });
});
