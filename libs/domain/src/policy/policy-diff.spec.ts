import { recorded } from './policy-event-builders.js';
import { parseInstant } from '../time/instant.js';
import { diffPolicyStates } from './policy-diff.js';
import { PolicyTimeline } from './policy-timeline.js';

describe('diffPolicyStates', () => {
  const timeline = new PolicyTimeline('p', [
    recorded(1, { type: 'REASSIGN_TIER', country: 'KH', tier: 3, effectiveAt: '2025-01-13' }),
    recorded(2, { type: 'SET_THRESHOLD', parameter: 'lpp.cap.tpp', value: 26_900_000, unit: 'TPP', effectiveAt: '2025-01-13' }),
    recorded(3, { type: 'REASSIGN_TIER', country: 'KH', tier: 2, effectiveAt: '2026-02-03' }),
    recorded(4, { type: 'SET_THRESHOLD', parameter: 'other', value: 1, unit: 'x', effectiveAt: '2026-02-03' }),
  ]);
  const stateAt = (validAt: string) => timeline.stateAt({ validAt: parseInstant(validAt), knownAt: parseInstant('2026-11-23') }).state;

  it('names what was added and what changed, and nothing else', () => {
    const changes = diffPolicyStates(stateAt('2025-06-01'), stateAt('2026-06-01'));
    expect(changes.map(({ kind, key, change }) => [kind, key, change])).toEqual([
      ['country', 'KH', 'CHANGED'],
      ['parameter', 'other', 'ADDED'],
    ]);
    expect(changes[0]).toMatchObject({ before: { tier: 3 }, after: { tier: 2 } });
  });

  it('names what was removed when read backwards', () => {
    const changes = diffPolicyStates(stateAt('2026-06-01'), stateAt('2025-06-01'));
    expect(changes.find((c) => c.key === 'other')?.change).toBe('REMOVED');
  });

  it('is empty between equal states', () => {
    expect(diffPolicyStates(stateAt('2025-06-01'), stateAt('2025-07-01'))).toEqual([]);
  });
});
