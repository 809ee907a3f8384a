import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApiHarness } from './support/api-harness.js';

const CASES = readFileSync(fileURLToPath(new URL('../../apps/cli/src/test-fixtures/cases/india-and-neighbours.yaml', import.meta.url)), 'utf8');
const RUN = `query($id: ID!, $cases: String!) { amendmentTestRun(id: $id, cases: $cases) {
  amendmentId policyId total passed failed changedByAmendment
  cases { name line passed passedWithoutAmendment error mismatches { path expected actual } deciding { ruleId kind matched citation } } } }`;

describe("amendmentTestRun: a policy team's case file on the amendment page", () => {
  let api: ApiHarness;
  let amendmentId: string;

  beforeAll(async () => {
    api = await ApiHarness.start('sqlite');
    // TEST FIXTURE, not law: India to Tier 3 from 2025-07-01.
    const input = {
      title: 'TEST FIXTURE: India to Tier 3 (fictitious)',
      rationale: 'Test fixture; not a real legal action.',
      source: { citation: 'TEST FIXTURE: fictitious notice, not a real legal action', publishedAt: '2026-11-01' },
      changes: [{ type: 'REASSIGN_TIER', country: 'IN', tier: 3, effectiveAt: '2025-07-01' }],
    };
    amendmentId = (await api.data(`mutation($input: DraftAmendmentInput!) { draftAmendment(input: $input) { id } }`, { input }, 'editor')).draftAmendment.id;
  });
  afterAll(() => api.stop());

  it('runs the cases with and without the amendment, naming the cases it turns, what differs and what decided it', async () => {
    const { amendmentTestRun: run } = await api.data(RUN, { id: amendmentId, cases: CASES }, 'viewer');
    expect(run).toMatchObject({ amendmentId, policyId: 'ai-export-controls', total: 5, passed: 3, failed: 2 });
    expect(run.changedByAmendment).toEqual(['India, August 2025', 'India, September 2026']);
    const august = run.cases.find((result: { name: string }) => result.name === 'India, August 2025');
    expect(august).toMatchObject({
      line: 17,
      passed: false,
      passedWithoutAmendment: true,
      error: null,
      mismatches: [
        { path: 'outcome', expected: 'LICENSE_EXCEPTION', actual: 'LICENSE_REQUIRED' },
        { path: 'exceptions', expected: ['LPP'], actual: [] },
      ],
    });
    expect(august.deciding).toContainEqual(expect.objectContaining({ kind: 'requirement', matched: true }));
    expect(run.cases.filter((result: { passed: boolean }) => result.passed).map((result: { deciding: unknown[] }) => result.deciding)).toEqual([[], [], []]);
  });

  it('refuses a case file it cannot read with BAD_USER_INPUT, naming the line, and an unknown amendment with NOT_FOUND', async () => {
    const bad = await api.gql(RUN, { id: amendmentId, cases: 'cases:\n  - name: x\n    validAt: 2025-13-01\n' }, 'viewer');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('cases:2:');
    const missing = await api.gql(RUN, { id: 'no-such-amendment', cases: CASES }, 'viewer');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('shows who wrote the amendment (none of them may approve it) and the notes of its history', async () => {
    await api.data(`mutation($id: ID!) { submitAmendment(id: $id) { id } }`, { id: amendmentId }, 'editor');
    const refused = await api.gql(
      `mutation($id: ID!) { approveAmendment(id: $id) { id } }`,
      { id: amendmentId },
      { token: await api.token('approver', 'e2e-editor') },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    await api.data(`mutation($id: ID!) { rejectAmendment(id: $id, reason: "cite the notice") { id } }`, { id: amendmentId }, 'approver');
    const { amendment } = await api.data(
      `query($id: ID!) { amendment(id: $id) { author contributors history { type actor note } } }`,
      { id: amendmentId },
      'viewer',
    );
    expect(amendment).toEqual({
      author: 'e2e-editor',
      contributors: ['e2e-editor'],
      history: [
        { type: 'AmendmentDrafted', actor: 'e2e-editor', note: null },
        { type: 'AmendmentSubmitted', actor: 'e2e-editor', note: null },
        { type: 'AmendmentRejected', actor: 'e2e-approver', note: 'cite the notice' },
      ],
    });
  });
});
