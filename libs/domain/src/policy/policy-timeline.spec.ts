import { recorded } from './policy-event-builders.js';
import { parseInstant } from '../time/instant.js';
import type { RecordedPolicyEvent } from './policy-events.js';
import { PolicyTimeline } from './policy-timeline.js';

const at = (validAt: string, knownAt: string, publishedBy?: string) => ({
  validAt: parseInstant(validAt),
  knownAt: parseInstant(knownAt),
  publishedBy: publishedBy ? parseInstant(publishedBy) : null,
});

function given(...events: RecordedPolicyEvent[]) {
  const timeline = new PolicyTimeline('test-policy', events);
  return {
    tierOf: (country: string, coordinates: ReturnType<typeof at>) => timeline.stateAt(coordinates).state.countries.get(country)?.tier ?? null,
    timeline,
  };
}

const tier = (country: string, value: 1 | 2 | 3, effectiveAt: string) => ({ type: 'REASSIGN_TIER', country, tier: value, effectiveAt }) as const;

describe('PolicyTimeline', () => {
  describe('a retroactive change (recorded later, effective earlier)', () => {
    const { tierOf } = given(
      recorded(1, tier('IN', 2, '2025-01-13'), { recordedAt: '2025-01-15' }),
      recorded(2, tier('IN', 3, '2025-03-01'), { recordedAt: '2025-09-01' }),
    );

    it('changes nothing for knowledge before its recording', () => {
      expect(tierOf('IN', at('2025-06-01', '2025-08-31'))).toBe(2);
    });
    it('changes the answer for knowledge after its recording, from its effective date', () => {
      expect(tierOf('IN', at('2025-06-01', '2025-09-02'))).toBe(3);
      expect(tierOf('IN', at('2025-02-01', '2025-09-02'))).toBe(2);
    });
  });

  describe('a future-dated change', () => {
    const { tierOf } = given(recorded(1, tier('AE', 2, '2026-07-10'), { recordedAt: '2026-01-01' }));

    it('does not apply before its effective date, even when known', () => {
      expect(tierOf('AE', at('2026-07-09T23:59:59Z', '2026-11-01'))).toBeNull();
    });
    it('applies from its effective instant', () => {
      expect(tierOf('AE', at('2026-07-10', '2026-11-01'))).toBe(2);
    });
  });

  describe('a retraction', () => {
    const { tierOf } = given(
      recorded(1, tier('IN', 2, '2025-01-13'), { id: 'ifr' }),
      recorded(2, tier('IN', 3, '2025-02-01'), { id: 'mistake', recordedAt: '2025-02-01' }),
      recorded(3, { type: 'RETRACT_CHANGE', changeId: 'mistake#0', effectiveAt: '2025-02-01' }, { id: 'fix', recordedAt: '2025-04-01' }),
    );

    it('leaves answers for knowledge before the retraction unchanged', () => {
      expect(tierOf('IN', at('2025-03-01', '2025-03-31'))).toBe(3);
    });
    it('voids the change for knowledge after it, at every valid time', () => {
      expect(tierOf('IN', at('2025-03-01', '2025-04-02'))).toBe(2);
      expect(tierOf('IN', at('2030-01-01', '2025-04-02'))).toBe(2);
    });
  });

  describe('a retracted retraction', () => {
    const { tierOf } = given(
      recorded(1, tier('IN', 3, '2025-02-01'), { id: 'change' }),
      recorded(2, { type: 'RETRACT_CHANGE', changeId: 'change#0', effectiveAt: '2025-02-01' }, { id: 'r1', recordedAt: '2025-03-01' }),
      recorded(3, { type: 'RETRACT_CHANGE', changeId: 'r1#0', effectiveAt: '2025-02-01' }, { id: 'r2', recordedAt: '2025-04-01' }),
    );

    it('restores the original change for later knowledge', () => {
      expect(tierOf('IN', at('2025-06-01', '2025-03-15'))).toBeNull();
      expect(tierOf('IN', at('2025-06-01', '2025-04-15'))).toBe(3);
    });
  });

  describe('publishedBy', () => {
    const { tierOf } = given(
      recorded(1, tier('IN', 2, '2025-01-13'), { publishedAt: '2025-01-15' }),
      recorded(2, tier('IN', 3, '2025-05-13'), { publishedAt: '2026-05-31' }),
    );

    it('keeps only changes whose source was published by that date', () => {
      expect(tierOf('IN', at('2025-06-01', '2026-11-01', '2026-05-30'))).toBe(2);
      expect(tierOf('IN', at('2025-06-01', '2026-11-01', '2026-05-31'))).toBe(3);
      expect(tierOf('IN', at('2025-06-01', '2026-11-01', '2025-01-14'))).toBeNull();
    });
  });

  describe('knowledge', () => {
    const { timeline } = given(
      recorded(10, tier('IN', 2, '2025-01-13'), { recordedAt: '2025-01-15' }),
      recorded(20, tier('IN', 3, '2025-01-13'), { recordedAt: '2025-02-01' }),
    );

    it('maps knownAt to the last position recorded by then', () => {
      expect(timeline.stateAt(at('2025-06-01', '2025-01-14')).knownPosition).toBe(0);
      expect(timeline.stateAt(at('2025-06-01', '2025-01-20')).knownPosition).toBe(10);
      expect(timeline.stateAt(at('2025-06-01', '2026-01-01')).knownPosition).toBe(20);
    });
    it('orders changes with the same effective date by position', () => {
      expect(timeline.stateAt(at('2025-06-01', '2026-01-01')).state.countries.get('IN')?.tier).toBe(3);
    });
    it('ignores events it already holds and refuses events out of order', () => {
      timeline.append([timeline.events[1]]);
      expect(timeline.events).toHaveLength(2);
      expect(() => timeline.append([recorded(15, tier('IN', 1, '2025-01-13'))])).toThrow(/position 15/);
    });
  });

  describe('state hashes', () => {
    it('are equal for equal states reached by different histories', () => {
      const source = { publishedAt: '2025-01-13', id: 'same' };
      const direct = given(recorded(1, tier('IN', 2, '2025-01-13'), source)).timeline;
      const roundabout = given(recorded(1, tier('IN', 3, '2024-06-01'), { id: 'other' }), recorded(2, tier('IN', 2, '2025-01-13'), source)).timeline;
      expect(direct.stateAt(at('2025-06-01', '2026-01-01')).stateHash).toBe(roundabout.stateAt(at('2025-06-01', '2026-01-01')).stateHash);
    });
    it('differ for different states', () => {
      const { timeline } = given(recorded(1, tier('IN', 2, '2025-01-13')), recorded(2, tier('IN', 3, '2025-07-01')));
      const before = timeline.stateAt(at('2025-06-01', '2026-01-01')).stateHash;
      const after = timeline.stateAt(at('2025-07-01', '2026-01-01')).stateHash;
      expect(before).toMatch(/^[0-9a-f]{64}$/);
      expect(before).not.toBe(after);
    });
  });

  describe('staged events', () => {
    it('preview on top of the head without changing the timeline', () => {
      const { timeline } = given(recorded(1, tier('IN', 2, '2025-01-13')));
      const staged = recorded(99, tier('IN', 3, '2025-07-01')).event;
      const preview = timeline.withStaged([staged], parseInstant('2026-11-23'));
      expect(preview.stateAt(at('2025-08-01', '2026-11-23')).state.countries.get('IN')?.tier).toBe(3);
      expect(timeline.stateAt(at('2025-08-01', '2026-11-23')).state.countries.get('IN')?.tier).toBe(2);
    });
  });
});

describe('PolicyTimeline pinned to a position', () => {
  it('answers with the knowledge at that position whatever knownAt says', () => {
    const timeline = new PolicyTimeline('p', [
      recorded(1, tier('IN', 2, '2025-01-13'), { recordedAt: '2025-01-15' }),
      recorded(2, tier('IN', 3, '2025-01-13'), { recordedAt: '2025-01-15' }),
    ]);
    const pinned = timeline.stateAt({ ...at('2025-06-01', '2025-01-15'), knownPosition: 1 });
    expect(pinned.knownPosition).toBe(1);
    expect(pinned.state.countries.get('IN')?.tier).toBe(2);
  });
});
