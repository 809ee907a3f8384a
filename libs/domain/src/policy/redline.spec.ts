import { recorded } from '../testing/policy-event-builders.js';
import { parseInstant } from '../time/instant.js';
import { documentToEvents } from './change-to-event.js';
import type { PolicyChange } from './policy-change.js';
import { diffPolicyStates } from './policy-diff.js';
import { PolicyTimeline } from './policy-timeline.js';
import { amendmentRedline, diffRedline, type RedlineEntry } from './redline.js';
import type { RedlineSegment } from './word-diff.js';

const RULE = {
  id: 'req.demo',
  regime: 'demo',
  kind: 'requirement' as const,
  condition: 'item.tpp >= params["demo.tpp"] && facts.destinationGroups.exists(g, g == "D:5")',
  citation: '15 CFR 742.6(a)(6)(iii)',
  explanation: 'A license is required for 3A090.a items to D:5 destinations, with a presumption of denial.',
  reviewPolicy: 'PRESUMPTION_OF_DENIAL' as const,
};

const policy = [
  recorded(1, { type: 'ENACT_REGIME', regime: 'demo', title: 'Demo regime', effectiveAt: '2023-11-17' }, { id: 'base-regime' }),
  recorded(2, { type: 'SET_THRESHOLD', parameter: 'demo.tpp', value: 4800, unit: 'TPP', effectiveAt: '2023-11-17' }, { id: 'base-threshold' }),
  recorded(3, { type: 'ADD_RULE', rule: RULE, effectiveAt: '2023-11-17' }, { id: 'base-rule' }),
  recorded(4, { type: 'CHANGE_COUNTRY_GROUPS', country: 'VN', groups: ['D:1', 'D:4'], effectiveAt: '2023-11-17' }, { id: 'base-vn' }),
];

function amendment(changes: PolicyChange[]) {
  const dated = changes.map((change) => ({ ...change, effectiveAt: parseInstant(change.effectiveAt) }) as PolicyChange);
  return documentToEvents({
    id: 'amendment-1',
    policyId: 'p',
    title: 'Test amendment',
    rationale: 'test',
    source: { citation: 'TEST FIXTURE notice', publishedAt: parseInstant('2026-11-01') },
    changes: dated,
  });
}

function marked(segments: RedlineSegment[]): string {
  return segments.map(({ text, mark }) => (mark === 'SAME' ? text : mark === 'DELETED' ? `[-${text}-]` : `{+${text}+}`)).join('');
}

function lines(entries: RedlineEntry[]) {
  return entries.map((entry) => ({
    part: `${entry.kind} ${entry.key} ${entry.change}`,
    effectiveAt: entry.effectiveAt,
    causes: entry.causes.map((cause) => cause.changeId),
    rows: Object.fromEntries(entry.rows.map((row) => [row.field, marked(row.segments)])),
  }));
}

describe('amendmentRedline', () => {
  it('shows a threshold change as a before/after row, owed to its change and dated', () => {
    const redline = amendmentRedline(
      'p',
      policy,
      amendment([{ type: 'SET_THRESHOLD', parameter: 'demo.tpp', value: 5000, unit: 'TPP', effectiveAt: '2026-12-01' }]),
    );
    expect(lines(redline.entries)).toEqual([
      { part: 'parameter demo.tpp CHANGED', effectiveAt: '2026-12-01T00:00:00.000Z', causes: ['amendment-1#0'], rows: { value: '[-4800-]{+5000+}' } },
    ]);
    expect(redline.entries[0].rows[0]).toMatchObject({ before: '4800', after: '5000' });
    expect(redline.withoutEffect).toEqual([]);
  });

  it('shows an amended rule with its condition and explanation diffed word by word, other fields only where they change', () => {
    const amended = {
      ...RULE,
      condition: 'item.tpp >= params["demo.tpp"] && facts.destinationGroups.exists(g, g == "D:1")',
      explanation: 'A license is required for 3A090.a items to D:1 destinations, reviewed case by case.',
      reviewPolicy: 'CASE_BY_CASE' as const,
    };
    const redline = amendmentRedline('p', policy, amendment([{ type: 'AMEND_RULE', rule: amended, effectiveAt: '2026-12-01' }]));
    expect(lines(redline.entries)).toEqual([
      {
        part: 'rule req.demo CHANGED',
        effectiveAt: '2026-12-01T00:00:00.000Z',
        causes: ['amendment-1#0'],
        rows: {
          condition: 'item.tpp >= params["demo.tpp"] && facts.destinationGroups.exists(g, g ==[- "D:5"-]{+ "D:1"+})',
          explanation: 'A license is required for 3A090.a items to D:[-5-]{+1+} destinations, [-with a presumption of denial-]{+reviewed case by case+}.',
          reviewPolicy: '[-PRESUMPTION_OF_DENIAL-]{+CASE_BY_CASE+}',
        },
      },
    ]);
  });

  it('keeps a rule whose wording stays as context, and shows country groups as rows', () => {
    const redline = amendmentRedline(
      'p',
      policy,
      amendment([
        { type: 'AMEND_RULE', rule: { ...RULE, citation: '15 CFR 742.6(a)(6)(iv)' }, effectiveAt: '2026-12-01' },
        { type: 'CHANGE_COUNTRY_GROUPS', country: 'VN', groups: ['D:1', 'D:4', 'D:5'], effectiveAt: '2027-01-01' },
      ]),
    );
    expect(lines(redline.entries)).toEqual([
      {
        part: 'rule req.demo CHANGED',
        effectiveAt: '2026-12-01T00:00:00.000Z',
        causes: ['amendment-1#0'],
        rows: { condition: RULE.condition, explanation: RULE.explanation, citation: '15 CFR 742.6(a)(6)([-iii-]{+iv+})' },
      },
      { part: 'country VN CHANGED', effectiveAt: '2027-01-01T00:00:00.000Z', causes: ['amendment-1#1'], rows: { groups: 'D:1, D:4{+, D:5+}' } },
    ]);
  });

  it('shows each date on its own: a later change to the same part is dated and owed separately', () => {
    const redline = amendmentRedline(
      'p',
      policy,
      amendment([
        { type: 'SET_THRESHOLD', parameter: 'demo.tpp', value: 5000, unit: 'TPP', effectiveAt: '2026-12-01' },
        { type: 'SET_THRESHOLD', parameter: 'demo.tpp', value: 6000, unit: 'TPP', effectiveAt: '2027-06-01' },
      ]),
    );
    expect(lines(redline.entries).map(({ effectiveAt, causes, rows }) => [effectiveAt, causes, rows.value])).toEqual([
      ['2026-12-01T00:00:00.000Z', ['amendment-1#0'], '[-4800-]{+5000+}'],
      ['2027-06-01T00:00:00.000Z', ['amendment-1#1'], '[-5000-]{+6000+}'],
    ]);
  });

  it('shows an added rule inserted whole and a repealed rule struck out whole', () => {
    const added = { ...RULE, id: 'req.new', explanation: 'New.' };
    const redline = amendmentRedline(
      'p',
      policy,
      amendment([
        { type: 'ADD_RULE', rule: added, effectiveAt: '2026-12-01' },
        { type: 'REPEAL_RULE', ruleId: 'req.demo', effectiveAt: '2026-12-01' },
      ]),
    );
    const [demo, fresh] = lines(redline.entries);
    expect(demo).toMatchObject({ part: 'rule req.demo REMOVED', causes: ['amendment-1#1'] });
    expect(demo.rows.condition).toBe(`[-${RULE.condition}-]`);
    expect(fresh).toMatchObject({ part: 'rule req.new ADDED', causes: ['amendment-1#0'] });
    expect(fresh.rows).toMatchObject({ regime: '{+demo+}', kind: '{+requirement+}', explanation: '{+New.+}' });
  });

  it('dates a retraction where the change it voids took effect, and owes the line to the retraction', () => {
    const redline = amendmentRedline('p', policy, amendment([{ type: 'RETRACT_CHANGE', changeId: 'base-vn#0', effectiveAt: '2026-12-01' }]));
    expect(lines(redline.entries)).toEqual([
      { part: 'country VN REMOVED', effectiveAt: '2023-11-17T00:00:00.000Z', causes: ['amendment-1#0'], rows: { groups: '[-D:1, D:4-]' } },
    ]);
  });

  it('shows a status re-stated under a new source by its source alone', () => {
    const redline = amendmentRedline(
      'p',
      policy,
      amendment([
        { type: 'SUSPEND_ENFORCEMENT', regime: 'demo', effectiveAt: '2026-12-01' },
        { type: 'RESUME_ENFORCEMENT', regime: 'demo', effectiveAt: '2026-12-01' },
      ]),
    );
    expect(lines(redline.entries)).toEqual([
      {
        part: 'regime demo CHANGED',
        effectiveAt: '2026-12-01T00:00:00.000Z',
        causes: ['amendment-1#0', 'amendment-1#1'],
        rows: { source: 'Test source base-regime{+; TEST FIXTURE notice+}' },
      },
    ]);
  });

  it('lists the changes that together alter nothing', () => {
    const added = { ...RULE, id: 'req.new' };
    const redline = amendmentRedline(
      'p',
      policy,
      amendment([
        { type: 'ADD_RULE', rule: added, effectiveAt: '2026-12-01' },
        { type: 'REPEAL_RULE', ruleId: 'req.new', effectiveAt: '2026-12-01' },
      ]),
    );
    expect(redline.entries).toEqual([]);
    expect(redline.withoutEffect.map((cause) => [cause.changeId, cause.type])).toEqual([
      ['amendment-1#0', 'RuleAdded'],
      ['amendment-1#1', 'RuleRepealed'],
    ]);
  });
});

describe('diffRedline', () => {
  it('owes each differing part of a policy diff to the changes that touch it, dated by the latest', () => {
    const timeline = new PolicyTimeline('p', [
      ...policy,
      recorded(5, { type: 'SET_THRESHOLD', parameter: 'demo.tpp', value: 5000, unit: 'TPP', effectiveAt: '2026-12-01' }, { id: 'later' }),
    ]);
    const at = (validAt: string) => ({ validAt: parseInstant(validAt), knownAt: parseInstant('2027-01-01') });
    const [before, after] = [timeline.stateAt(at('2026-06-01')), timeline.stateAt(at('2027-06-01'))];
    const changes = timeline.changesInForce(at('2027-06-01')).filter((held) => held.position === 5);
    const entries = diffRedline(
      diffPolicyStates(before.state, after.state),
      changes.map((held) => held.event),
      (changeId) => timeline.change(changeId)?.event,
    );
    expect(lines(entries)).toEqual([
      { part: 'parameter demo.tpp CHANGED', effectiveAt: '2026-12-01T00:00:00.000Z', causes: ['later#0'], rows: { value: '[-4800-]{+5000+}' } },
    ]);
  });
});
