import { recorded } from '../testing/policy-event-builders.js';
import { parseInstant } from '../time/instant.js';
import { countryHistory } from './country-history.js';
import { PolicyTimeline } from './policy-timeline.js';

const tier = (country: string, value: 1 | 2 | 3, effectiveAt: string) => ({ type: 'REASSIGN_TIER', country, tier: value, effectiveAt }) as const;
const groups = (country: string, list: string[], effectiveAt: string) => ({ type: 'CHANGE_COUNTRY_GROUPS', country, groups: list, effectiveAt }) as const;
const knownAt = (date: string) => ({ knownAt: parseInstant(date) });

describe('countryHistory', () => {
  const timeline = new PolicyTimeline('test-policy', [
    recorded(1, groups('KH', ['D:1', 'D:5'], '2023-01-01'), { recordedAt: '2025-01-01' }),
    recorded(2, tier('KH', 2, '2025-01-13'), { recordedAt: '2025-01-15' }),
    recorded(3, tier('IN', 2, '2025-01-13'), { recordedAt: '2025-01-15' }),
    recorded(4, groups('KH', ['D:1'], '2026-02-10'), { recordedAt: '2026-02-11', id: 'kh-d5-removal' }),
    recorded(5, tier('KH', 2, '2026-06-01'), { recordedAt: '2026-06-02' }),
  ]);

  it('gives one period per distinct classification, each from the change that started it, the last still open', () => {
    const periods = countryHistory(timeline, 'KH', knownAt('2026-12-31'));

    expect(periods.map(({ from, to, tier, groups }) => ({ from, to, tier, groups }))).toEqual([
      { from: '2023-01-01T00:00:00.000Z', to: '2025-01-13T00:00:00.000Z', tier: null, groups: ['D:1', 'D:5'] },
      { from: '2025-01-13T00:00:00.000Z', to: '2026-02-10T00:00:00.000Z', tier: 2, groups: ['D:1', 'D:5'] },
      { from: '2026-02-10T00:00:00.000Z', to: null, tier: 2, groups: ['D:1'] },
    ]);
    expect(periods[2]).toMatchObject({ changeId: 'kh-d5-removal#0', source: { citation: 'Test source kh-d5-removal' } });
  });

  it('answers from what was known then: a change recorded later is not in it', () => {
    const periods = countryHistory(timeline, 'KH', knownAt('2026-01-01'));

    expect(periods.at(-1)).toMatchObject({ from: '2025-01-13T00:00:00.000Z', to: null, groups: ['D:1', 'D:5'] });
  });

  it('leaves out the time before anything was set for the country, and is empty for a country never named', () => {
    expect(countryHistory(timeline, 'IN', knownAt('2026-12-31')).map((period) => period.from)).toEqual(['2025-01-13T00:00:00.000Z']);
    expect(countryHistory(timeline, 'FR', knownAt('2026-12-31'))).toEqual([]);
  });
});
