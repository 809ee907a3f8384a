import type { DeterminationResult } from '#domain';
import { caseMismatches, mismatches } from './expectation-match.js';

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

describe('caseMismatches: a case against a result, field by field', () => {
  const result = {
    outcome: 'LICENSE_EXCEPTION',
    reviewPolicy: null,
    caveats: [{ subject: 'rule exc.nac', changeId: 'c-1', confidence: 'UNCONFIRMED', note: 'date not confirmed' }],
    items: [{ index: 0, requirements: ['req.cn', 'req.worldwide'] }],
  } as unknown as DeterminationResult;

  it('matches caveats by the keys given and per-item requirements, as the golden table states them', () => {
    expect(
      caseMismatches({ reviewPolicy: null, caveats: [{ subject: 'rule exc.nac' }], items: [{ requirements: ['req.cn', 'req.worldwide'] }] }, result),
    ).toEqual([]);
    expect(caseMismatches({ caveats: [] }, result)).toEqual([
      { path: 'caveats', expected: [], actual: [{ subject: 'rule exc.nac', changeId: 'c-1', confidence: 'UNCONFIRMED', note: 'date not confirmed' }] },
    ]);
  });

  it('fails a field the result does not have, even when the case expects null of it', () => {
    expect(caseMismatches({ reviewPolicys: null }, result)).toEqual([{ path: 'reviewPolicys', expected: null, actual: null, noSuchField: true }]);
  });
});
