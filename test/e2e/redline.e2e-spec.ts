import { ApiHarness } from './support/api-harness.js';

const REDLINE_ENTRY = `kind key change effectiveAt causes { changeId amendmentId type effectiveAt source { citation } }
  rows { field before after segments { text mark } }`;
const REDLINE = `query($id: ID!) { amendmentRedline(id: $id) { amendmentId policyId status againstPosition
  entries { ${REDLINE_ENTRY} } withoutEffect { changeId } } }`;
const DRAFT = `mutation($input: DraftAmendmentInput!) { draftAmendment(input: $input) { id } }`;
const RULE = 'req.3a090.d5-macau';

/** TEST FIXTURE, not law: a made-up notice used only by this test. */
const FIXTURE_SOURCE = { citation: 'TEST FIXTURE: fictitious notice, not a real legal action', publishedAt: '2026-11-01' };

type Segment = { text: string; mark: 'SAME' | 'DELETED' | 'INSERTED' };
const marked = (segments: Segment[]) =>
  segments.map(({ text, mark }) => (mark === 'SAME' ? text : mark === 'DELETED' ? `[-${text}-]` : `{+${text}+}`)).join('');

describe('the redline of an amendment over GraphQL', () => {
  let api: ApiHarness;
  let amendmentId: string;
  let rule: Record<string, any>;

  beforeAll(async () => {
    api = await ApiHarness.start('sqlite');
    const { policy } = await api.data(
      `{ policy(at: { validAt: "2026-06-01" }) { rules { id regime kind condition citation explanation reviewPolicy covers eccn code } } }`,
    );
    rule = Object.fromEntries(Object.entries(policy.rules.find((candidate: { id: string }) => candidate.id === RULE)).filter(([, value]) => value !== null));
    const amended = {
      ...rule,
      condition: rule.condition.replace('destination.country in ["CN", "HK", "MO"]', 'destination.country in ["CN", "MO"]'),
      explanation: rule.explanation.replace('to China (with Hong Kong) or Macau', 'to mainland China or Macau'),
    };
    expect(amended.condition).not.toBe(rule.condition);
    expect(amended.explanation).not.toBe(rule.explanation);
    const input = {
      title: 'TEST FIXTURE: a higher case-by-case zone, without Hong Kong',
      rationale: 'Test fixture for the redline; not a real legal action.',
      source: FIXTURE_SOURCE,
      changes: [
        { type: 'SET_THRESHOLD', parameter: '3a090.china-case-by-case.tpp', value: 25000, unit: 'TPP, below', effectiveAt: '2026-12-01' },
        { type: 'AMEND_RULE', rule: amended, effectiveAt: '2026-12-01' },
      ],
    };
    amendmentId = (await api.data(DRAFT, { input }, 'editor')).draftAmendment.id;
  }, 120_000);
  afterAll(() => api.stop());

  it('shows the threshold as a before/after row and the rule word by word, each with its change and effective date', async () => {
    const { amendmentRedline: redline } = await api.data(REDLINE, { id: amendmentId }, 'viewer');
    expect(redline).toMatchObject({ amendmentId, policyId: 'ai-export-controls', status: 'DRAFT', withoutEffect: [] });
    expect(redline.againstPosition).toBeGreaterThan(0);
    expect(redline.entries.map((entry: { kind: string; key: string; change: string }) => `${entry.kind} ${entry.key} ${entry.change}`)).toEqual([
      'parameter 3a090.china-case-by-case.tpp CHANGED',
      `rule ${RULE} CHANGED`,
    ]);
    const [threshold, amendedRule] = redline.entries;

    expect(threshold.effectiveAt).toBe('2026-12-01T00:00:00.000Z');
    expect(threshold.causes).toEqual([
      {
        changeId: `${amendmentId}#0`,
        amendmentId,
        type: 'ThresholdChanged',
        effectiveAt: '2026-12-01T00:00:00.000Z',
        source: { citation: FIXTURE_SOURCE.citation },
      },
    ]);
    expect(threshold.rows).toEqual([
      {
        field: 'value',
        before: '21000',
        after: '25000',
        segments: [
          { text: '21000', mark: 'DELETED' },
          { text: '25000', mark: 'INSERTED' },
        ],
      },
    ]);

    expect(amendedRule.effectiveAt).toBe('2026-12-01T00:00:00.000Z');
    expect(amendedRule.causes.map((cause: { changeId: string }) => cause.changeId)).toEqual([`${amendmentId}#1`]);
    const rows = Object.fromEntries(amendedRule.rows.map((row: { field: string; segments: Segment[] }) => [row.field, marked(row.segments)]));
    expect(Object.keys(rows)).toEqual(['condition', 'explanation']);
    expect(rows.condition).toContain('destination.country in ["CN",[- "HK",-] "MO"]');
    expect(rows.explanation).toContain('to {+mainland +}China [-(with Hong Kong) -]or Macau');
    const condition = amendedRule.rows.find((row: { field: string }) => row.field === 'condition');
    expect(condition.before).toBe(rule.condition);
  });

  it('after publication, shows what the amendment did against the policy just before it, and policyDiff shows the same lines', async () => {
    await api.data(`mutation($id: ID!) { submitAmendment(id: $id) { id } }`, { id: amendmentId }, 'editor');
    await api.data(`mutation($id: ID!) { approveAmendment(id: $id) { id } }`, { id: amendmentId }, 'approver');
    const { publishAmendment } = await api.data(`mutation($id: ID!) { publishAmendment(id: $id) { position } }`, { id: amendmentId }, 'approver');
    const draftRedline = await api.data(REDLINE, { id: amendmentId }, 'viewer');

    const { amendmentRedline: published } = await api.data(
      `query($id: ID!, $at: Float) { amendmentRedline(id: $id, consistentWith: $at) { status againstPosition entries { ${REDLINE_ENTRY} } } }`,
      { id: amendmentId, at: publishAmendment.position },
      'viewer',
    );
    expect(published.status).toBe('PUBLISHED');
    expect(published.entries).toEqual(draftRedline.amendmentRedline.entries);

    const { policyDiff } = await api.data(
      `{ policyDiff(from: { validAt: "2026-11-30" }, to: { validAt: "2026-12-01" }) { redline { ${REDLINE_ENTRY} } } }`,
      {},
      'viewer',
    );
    expect(policyDiff.redline).toEqual(published.entries);
  });
});
