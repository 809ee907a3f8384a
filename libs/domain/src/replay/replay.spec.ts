import type { DeterminationResult } from '../determination/determination-result.js';
import { PolicyTimeline } from '../policy/policy-timeline.js';
import { recorded } from '../testing/policy-event-builders.js';
import { parseInstant } from '../time/instant.js';
import { replayCauses } from './replay-causes.js';
import { diffResults } from './result-diff.js';

const at = (validAt: string, knownAt = '2026-11-23') => ({ validAt: parseInstant(validAt), knownAt: parseInstant(knownAt), publishedBy: null });

function result(overrides: Partial<DeterminationResult> = {}): DeterminationResult {
  return {
    outcome: 'NO_LICENSE_REQUIRED',
    reviewPolicy: null,
    exceptions: [],
    conditions: [],
    items: [{ index: 0, eccn: '3A090.a', outcome: 'NO_LICENSE_REQUIRED', reviewPolicy: null, exceptions: [], requirements: [], conditions: [] }],
    trace: [{ ruleId: 'req.worldwide', kind: 'requirement', item: 0, matched: false, citation: '§742.6', explanation: 'x' }],
    enforcement: [],
    caveats: [],
    assumptions: [],
    facts: { destination: { country: 'IN', tier: 2, groups: [] }, consignee: { country: 'IN', headquarters: 'IN' }, parameters: { 'lpp.cap.tpp': 26_900_000 } },
    ledgerDraws: [],
    policyVersion: { validAt: '', knownAt: '', knownPosition: 0, publishedBy: null, stateHash: '' },
    engineVersion: 'test',
    ...overrides,
  };
}

const rule = { id: 'req.worldwide', regime: 'ai-diffusion', kind: 'requirement', condition: 'true', citation: '§742.6', explanation: 'x' } as const;

describe('replay', () => {
  const timeline = new PolicyTimeline('p', [
    recorded(1, { type: 'ENACT_REGIME', regime: 'ai-diffusion', title: 'AI Diffusion', effectiveAt: '2025-01-13' }, { id: 'ifr' }),
    recorded(2, { type: 'ADD_RULE', rule, effectiveAt: '2025-05-15' }, { id: 'compliance' }),
    recorded(3, { type: 'REASSIGN_TIER', country: 'SG', tier: 3, effectiveAt: '2025-05-20' }, { id: 'unrelated' }),
    recorded(4, { type: 'SUSPEND_ENFORCEMENT', regime: 'ai-diffusion', effectiveAt: '2025-05-13' }, { id: 'suspension' }),
    recorded(5, { type: 'SET_THRESHOLD', parameter: 'lpp.cap.tpp', value: 26_900_000, unit: 'TPP', effectiveAt: '2025-05-14' }, { id: 'cap' }),
  ]);

  describe('given a Tier 2 shipment decided on 2025-05-01 and replayed at 2025-06-01', () => {
    const before = result();
    const after = result({
      outcome: 'LICENSE_REQUIRED',
      trace: [{ ...before.trace[0], matched: true }],
      enforcement: [
        { regime: 'ai-diffusion', status: 'SUSPENDED', since: '2025-05-13T00:00:00.000Z', source: { citation: 'x', publishedAt: '2025-05-13T00:00:00.000Z' } },
      ],
    });
    const causes = replayCauses(timeline, { coordinates: at('2025-05-01'), result: before }, { coordinates: at('2025-06-01'), result: after });

    it('names the changes that touched what the determination consulted, in effective order', () => {
      expect(causes.map((c) => c.changeId)).toEqual(['suspension#0', 'cap#0', 'compliance#0']);
    });
    it('leaves out changes that touched nothing it consulted', () => {
      expect(causes.map((c) => c.changeId)).not.toContain('unrelated#0');
    });
    it('gives each cause its type, dates and source', () => {
      expect(causes[2]).toEqual({
        changeId: 'compliance#0',
        type: 'RuleAdded',
        effectiveAt: '2025-05-15T00:00:00.000Z',
        recordedAt: '2025-05-15T00:00:00.000Z',
        source: { citation: 'Test source compliance', publishedAt: '2025-05-15T00:00:00.000Z' },
      });
    });
  });

  it('lists a retraction with the change it voided', () => {
    const withRetraction = new PolicyTimeline('p', [
      ...timeline.events,
      recorded(6, { type: 'RETRACT_CHANGE', changeId: 'cap#0', effectiveAt: '2025-05-14' }, { id: 'fix', recordedAt: '2026-01-01' }),
    ]);
    const causes = replayCauses(
      withRetraction,
      { coordinates: at('2025-06-01', '2025-12-31'), result: result() },
      { coordinates: at('2025-06-01'), result: result() },
    );
    expect(causes.map((c) => [c.changeId, c.type])).toEqual([
      ['cap#0', 'ThresholdChanged'],
      ['fix#0', 'PolicyChangeRetracted'],
    ]);
  });

  it('finds no cause between identical coordinates', () => {
    expect(replayCauses(timeline, { coordinates: at('2025-06-01'), result: result() }, { coordinates: at('2025-06-01'), result: result() })).toEqual([]);
  });

  describe('diffResults', () => {
    it('reports leaf differences by path and nothing for equal results', () => {
      const changed = result({ outcome: 'LICENSE_REQUIRED', items: [{ ...result().items[0], outcome: 'LICENSE_REQUIRED', reviewPolicy: 'CASE_BY_CASE' }] });
      expect(diffResults(result(), changed)).toEqual([
        { path: 'items.0.outcome', before: 'NO_LICENSE_REQUIRED', after: 'LICENSE_REQUIRED' },
        { path: 'items.0.reviewPolicy', before: null, after: 'CASE_BY_CASE' },
        { path: 'outcome', before: 'NO_LICENSE_REQUIRED', after: 'LICENSE_REQUIRED' },
      ]);
      expect(diffResults(result(), result())).toEqual([]);
    });
    it('reports a list that grew as the added element', () => {
      const after = result({ exceptions: ['LPP'] });
      expect(diffResults(result(), after)).toEqual([{ path: 'exceptions.0', before: null, after: 'LPP' }]);
    });
  });
});
