import { mismatches } from './expectation-match.js';

describe('mismatches: what a case names must be in the result, and nothing else is asked', () => {
  const result = {
    outcome: 'LICENSE_EXCEPTION',
    reviewPolicy: null,
    exceptions: ['LPP'],
    enforcement: [{ regime: 'ai-diffusion', status: 'SUSPENDED', since: '2025-05-13T00:00:00.000Z', source: { citation: 'BIS' } }],
  };

  it('passes a case that names some fields and only some keys of listed objects', () => {
    expect(mismatches({ outcome: 'LICENSE_EXCEPTION', reviewPolicy: null, enforcement: [{ regime: 'ai-diffusion', status: 'SUSPENDED' }] }, result)).toEqual(
      [],
    );
  });

  it('names each field that differs, with the actual value cut to the keys expected', () => {
    expect(mismatches({ outcome: 'LICENSE_REQUIRED', enforcement: [{ regime: 'ai-diffusion', status: 'ENFORCED' }] }, result)).toEqual([
      { path: 'outcome', expected: 'LICENSE_REQUIRED', actual: 'LICENSE_EXCEPTION' },
      { path: 'enforcement', expected: [{ regime: 'ai-diffusion', status: 'ENFORCED' }], actual: [{ regime: 'ai-diffusion', status: 'SUSPENDED' }] },
    ]);
  });

  it('takes an empty list to expect none, a longer or shorter list to differ, and null to expect null', () => {
    expect(mismatches({ exceptions: [] }, result)).toEqual([{ path: 'exceptions', expected: [], actual: ['LPP'] }]);
    expect(mismatches({ exceptions: ['LPP', 'AIA'] }, result)).toHaveLength(1);
    expect(mismatches({ reviewPolicy: null }, result)).toEqual([]);
    expect(mismatches({ reviewPolicy: 'CASE_BY_CASE' }, result)).toEqual([{ path: 'reviewPolicy', expected: 'CASE_BY_CASE', actual: null }]);
  });

  it('reports a field the result does not have as null, not as a pass', () => {
    expect(mismatches({ outcomes: 'LICENSE_EXCEPTION' }, result)).toEqual([{ path: 'outcomes', expected: 'LICENSE_EXCEPTION', actual: null }]);
  });
});
