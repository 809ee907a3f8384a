import type { AmendmentRedline } from '#policy';
import { wantsColour } from './output.js';
import { redlineLines } from './redline-text.js';

const cause = {
  changeId: 'a-1#0',
  amendmentId: 'a-1',
  type: 'RuleAmended' as const,
  effectiveAt: '2026-12-01T00:00:00.000Z',
  source: { citation: 'TEST FIXTURE notice', publishedAt: '2026-11-01T00:00:00.000Z' },
};

const redline: AmendmentRedline = {
  amendmentId: 'a-1',
  policyId: 'p',
  status: 'DRAFT',
  againstPosition: 7,
  entries: [
    {
      kind: 'rule',
      key: 'req.demo',
      change: 'CHANGED',
      effectiveAt: '2026-12-01T00:00:00.000Z',
      causes: [cause],
      rows: [
        {
          field: 'condition',
          before: 'a > 1.0\n&& "D:5" in g',
          after: 'a > 2.0\n&& "D:5" in g',
          segments: [
            { text: 'a >', mark: 'SAME' },
            { text: ' 1.0', mark: 'DELETED' },
            { text: ' 2.0', mark: 'INSERTED' },
            { text: '\n&& "D:5" in g', mark: 'SAME' },
          ],
        },
      ],
    },
  ],
  withoutEffect: [{ ...cause, changeId: 'a-1#1', type: 'RegimeEnforcementResumed' }],
};

describe('redlineLines', () => {
  it('marks deletions and insertions in the word-diff notation when there is no colour, continuation lines indented', () => {
    expect(redlineLines(redline, false)).toEqual([
      'redline against policy p at position 7:',
      '',
      'rule req.demo (changed) from 2026-12-01',
      '  by a-1#0 RuleAmended, effective 2026-12-01 (TEST FIXTURE notice)',
      '  condition: a >[- 1.0-]{+ 2.0+}',
      '    && "D:5" in g',
      '',
      'changes that alter nothing where they take effect:',
      '  a-1#1 RegimeEnforcementResumed, effective 2026-12-01 (TEST FIXTURE notice)',
    ]);
  });

  it('strikes deletions out in red and underlines insertions in green on a terminal', () => {
    const lines = redlineLines(redline, true);
    expect(lines[2]).toBe('\u001b[1mrule req.demo (changed) from 2026-12-01\u001b[0m');
    expect(lines[4]).toBe('  condition: a >\u001b[9;31m 1.0\u001b[0m\u001b[4;32m 2.0\u001b[0m');
  });

  it('says so when nothing reads differently', () => {
    expect(redlineLines({ ...redline, entries: [], withoutEffect: [] }, false)).toEqual([
      'redline against policy p at position 7:',
      '  (no part of the policy reads differently)',
    ]);
  });
});

describe('wantsColour', () => {
  it('is on for a terminal only, and off whenever NO_COLOR is set', () => {
    expect(wantsColour({ isTTY: true }, {})).toBe(true);
    expect(wantsColour({ isTTY: false }, {})).toBe(false);
    expect(wantsColour({}, {})).toBe(false);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
  });
});
