import { differencePathWords, eventTypeWords, partFields, redlineValue } from './words.js';

describe('memo words', () => {
  it.each([
    ['outcome', 'Outcome'],
    ['reviewPolicy', 'Review policy'],
    ['exceptions.0', 'License exceptions #1'],
    ['items.0.outcome', 'Item 1: outcome'],
    ['items.1.exceptions.0', 'Item 2: license exceptions #1'],
    ['enforcement.0.status', 'Enforcement note 1: status'],
    ['facts.destination.tier', 'Fact: destination.tier'],
  ])('reads the difference path %s as "%s"', (path, words) => {
    expect(differencePathWords(path)).toBe(words);
  });

  it('reads event types and redline values in words', () => {
    expect(eventTypeWords('CountryTierReassigned')).toBe('Country tier reassigned');
    expect(redlineValue('LICENSE_REQUIRED')).toBe('License required');
    expect(redlineValue('CASE_BY_CASE')).toBe('case-by-case review');
    expect(redlineValue(null)).toBe('(none)');
    expect(redlineValue(['LPP'])).toBe('["LPP"]');
  });
});

describe('partFields', () => {
  it('shows only the fields that differ when a part changed', () => {
    expect(partFields({ tier: 2, groups: ['D:1'] }, { tier: 3, groups: ['D:1'] })).toEqual([{ field: 'tier', before: 2, after: 3 }]);
  });

  it('shows an added rule by its identifying and legal fields, not its whole record', () => {
    const rule = { id: 'r', kind: 'requirement', regime: 'x', explanation: 'Why', citation: '90 FR 4544', source: { url: 'u' }, effectiveAt: '2025-01-13' };

    expect(partFields(null, rule).map((field) => field.field)).toEqual(['kind', 'regime', 'explanation', 'citation']);
  });

  it('compares plain values as one field', () => {
    expect(partFields(1, 2)).toEqual([{ field: 'value', before: 1, after: 2 }]);
  });
});
