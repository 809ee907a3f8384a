import { ApiHarness, nextEvents } from './support/api-harness.js';
import { indiaShipment } from './support/fixtures.js';

const AMENDMENT = 'id status version author approvals { by comment } changes basePosition publishedPosition history { type actor }';
const DRAFT = `mutation($input: DraftAmendmentInput!) { draftAmendment(input: $input) { ${AMENDMENT} } }`;
const SUBMIT = `mutation($id: ID!) { submitAmendment(id: $id) { ${AMENDMENT} } }`;
const APPROVE = `mutation($id: ID!) { approveAmendment(id: $id, comment: "four eyes") { ${AMENDMENT} } }`;
const PUBLISH = `mutation($id: ID!) { publishAmendment(id: $id) { ${AMENDMENT} } }`;
const REBASE = `mutation($id: ID!) { rebaseAmendment(id: $id) { ${AMENDMENT} } }`;
const ISSUE = `mutation($input: DeterminationInput!, $validAt: DateTime) { issueDetermination(input: $input, validAt: $validAt) { id outcome } }`;
const EVALUATE = `query($input: DeterminationInput!, $at: PolicyCoordinates) { evaluate(input: $input, at: $at) { outcome exceptions } }`;
const IMPACT = `query($id: ID!, $from: DateTime, $to: DateTime) {
  amendmentImpact(id: $id, validFrom: $from, validTo: $to) { amendmentId evaluated flipped byTransition { from to count } samples { determinationId before after } elapsedMs }
}`;
const REPLAY = `query($id: ID!, $at: PolicyCoordinates) { replayDetermination(id: $id, at: $at) { changed sameState replayed { outcome } causes { changeId type } } }`;

/** TEST FIXTURE, not law: a made-up notice used only by these tests. */
const FIXTURE_SOURCE = { citation: 'TEST FIXTURE: fictitious notice, not a real legal action', publishedAt: '2026-11-01' };

function reassign(country: string, tier: number, effectiveAt: string, title = `TEST FIXTURE: ${country} to Tier ${tier}`) {
  return {
    title,
    rationale: 'Test fixture for the amendment workflow; not a real legal action.',
    source: FIXTURE_SOURCE,
    changes: [{ type: 'REASSIGN_TIER', country, tier, effectiveAt }],
  };
}

async function throughApproval(api: ApiHarness, input: ReturnType<typeof reassign>): Promise<string> {
  const { draftAmendment } = await api.data(DRAFT, { input }, 'editor');
  await api.data(SUBMIT, { id: draftAmendment.id }, 'editor');
  await api.data(APPROVE, { id: draftAmendment.id }, 'approver');
  return draftAmendment.id;
}

describe('amendments: draft, impact, four eyes, publish', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start('sqlite');
  });
  afterAll(() => api.stop());

  it('moves India to Tier 3 from 2025-07-01, flipping exactly the recorded India determinations from that date', async () => {
    const issued: Record<string, { id: string; outcome: string }> = {};
    for (const validAt of ['2025-05-01', '2025-06-01', '2025-08-01', '2025-09-01']) {
      issued[`IN ${validAt}`] = (await api.data(ISSUE, { input: indiaShipment(`story-in-${validAt}`), validAt }, 'determiner')).issueDetermination;
    }
    issued['DE 2025-08-01'] = (
      await api.data(
        ISSUE,
        { input: { ...indiaShipment('story-de'), destination: 'DE', consignee: { id: 'story-de', country: 'DE', headquarters: 'DE' } }, validAt: '2025-08-01' },
        'determiner',
      )
    ).issueDetermination;
    expect(issued['IN 2025-08-01'].outcome).toBe('LICENSE_EXCEPTION');

    const { draftAmendment: draft } = await api.data(DRAFT, { input: reassign('IN', 3, '2025-07-01') }, 'editor');
    expect(draft).toMatchObject({ status: 'DRAFT', version: 1, author: 'e2e-editor', changes: [{ type: 'REASSIGN_TIER', country: 'IN', tier: 3 }] });

    const preview = await api.data(
      `query($at: PolicyCoordinates) { countryStatus(country: "IN", at: $at) { tier } }`,
      { at: { validAt: '2025-08-01', withAmendments: [draft.id] } },
      'viewer',
    );
    expect(preview.countryStatus.tier).toBe(3);
    const previewEvaluate = await api.data(EVALUATE, { input: indiaShipment('preview'), at: { validAt: '2025-08-01', withAmendments: [draft.id] } }, 'viewer');
    expect(previewEvaluate.evaluate.outcome).toBe('LICENSE_REQUIRED');

    for (let waited = 0; waited < 5000; waited += 50) {
      const listed = await api.data(`{ determinations(first: 100) { totalCount } }`, {}, 'viewer');
      if (listed.determinations.totalCount >= 5) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const impact = (await api.data(IMPACT, { id: draft.id }, 'viewer')).amendmentImpact;
    expect(impact).toMatchObject({
      amendmentId: draft.id,
      evaluated: 5,
      flipped: 2,
      byTransition: [{ from: 'LICENSE_EXCEPTION', to: 'LICENSE_REQUIRED', count: 2 }],
    });
    expect(impact.samples.map((s: { determinationId: string }) => s.determinationId).sort()).toEqual(
      [issued['IN 2025-08-01'].id, issued['IN 2025-09-01'].id].sort(),
    );
    const windowed = (await api.data(IMPACT, { id: draft.id, from: '2025-01-01', to: '2025-06-30' }, 'viewer')).amendmentImpact;
    expect(windowed).toMatchObject({ evaluated: 2, flipped: 0 });

    await api.data(SUBMIT, { id: draft.id }, 'editor');
    const selfApproval = await api.gql(APPROVE, { id: draft.id }, 'editor');
    expect(selfApproval.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const authorAsApprover = await api.gql(APPROVE, { id: draft.id }, { token: await api.token('approver', 'e2e-editor') });
    expect(authorAsApprover.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const approved = (await api.data(APPROVE, { id: draft.id }, 'approver')).approveAmendment;
    expect(approved).toMatchObject({ status: 'APPROVED', approvals: [{ by: 'e2e-approver', comment: 'four eyes' }] });

    const beforePublication = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const published = (await api.data(PUBLISH, { id: draft.id }, 'approver')).publishAmendment;
    expect(published.status).toBe('PUBLISHED');
    expect(published.publishedPosition).toBeGreaterThan(published.basePosition);

    const before = await api.data(EVALUATE, { input: indiaShipment('after-publication'), at: { validAt: '2025-08-01', knownAt: beforePublication } }, 'viewer');
    const after = await api.data(EVALUATE, { input: indiaShipment('after-publication'), at: { validAt: '2025-08-01' } }, 'viewer');
    expect(before.evaluate.outcome).toBe('LICENSE_EXCEPTION');
    expect(after.evaluate.outcome).toBe('LICENSE_REQUIRED');

    const original = (await api.data(REPLAY, { id: issued['IN 2025-08-01'].id }, 'viewer')).replayDetermination;
    expect(original).toMatchObject({ changed: false, sameState: true, replayed: { outcome: 'LICENSE_EXCEPTION' } });
    const today = (await api.data(REPLAY, { id: issued['IN 2025-08-01'].id, at: {} }, 'viewer')).replayDetermination;
    expect(today.replayed.outcome).toBe('LICENSE_REQUIRED');
    expect(today.causes).toContainEqual({ changeId: `${draft.id}#0`, type: 'CountryTierReassigned' });
    const untouched = (await api.data(REPLAY, { id: issued['IN 2025-06-01'].id, at: {} }, 'viewer')).replayDetermination;
    expect(untouched.changed).toBe(false);

    const previewOfPublished = await api.gql(EVALUATE, { input: indiaShipment('x'), at: { withAmendments: [draft.id] } }, 'viewer');
    expect(previewOfPublished.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a change that does not fit the policy when it is drafted, naming the change and position', async () => {
    const input = {
      ...reassign('IN', 3, '2025-07-01'),
      changes: [
        { type: 'REASSIGN_TIER', country: 'XX', tier: 3, effectiveAt: '2025-07-01' },
        {
          type: 'AMEND_RULE',
          effectiveAt: '2025-07-01',
          rule: { id: 'req.unknown', regime: 'ai-diffusion', kind: 'requirement', condition: 'item.tpp >', citation: 'x', explanation: 'x' },
        },
        { type: 'RETRACT_CHANGE', changeId: 'no-such-change#0', effectiveAt: '2025-07-01' },
      ],
    };
    const response = await api.gql(DRAFT, { input }, 'editor');
    expect(response.errors?.[0].extensions?.code).toBe('POLICY_INVALID');
    expect(response.errors?.[0].message).toMatch(/changes\[0\]\.country: 'XX'/);
    expect(response.errors?.[0].message).toMatch(/changes\[1\]\.rule\.id: rule 'req\.unknown'/);
    expect(response.errors?.[0].message).toMatch(/changes\[2\]\.changeId: .*'no-such-change#0'/);
    const problems = (response.errors?.[0].extensions?.position as { problems: Array<{ changeIndex: number; field: string; position?: unknown }> }).problems;
    expect(problems.map((p) => [p.changeIndex, p.field])).toEqual([
      [0, 'country'],
      [1, 'rule.id'],
      [1, 'rule.condition'],
      [2, 'changeId'],
    ]);
    expect(problems[2]).toMatchObject({ position: 10 });
  });

  it('publishes exactly one of two amendments based on the same revision; the other publishes after a rebase', async () => {
    const first = await throughApproval(api, reassign('VN', 3, '2025-09-01'));
    const second = await throughApproval(api, reassign('MY', 3, '2025-09-01'));
    const results = await Promise.all([api.gql(PUBLISH, { id: first }, 'approver'), api.gql(PUBLISH, { id: second }, 'approver')]);
    const failures = results.filter((result) => result.errors);
    expect(results.filter((result) => result.data?.publishAmendment?.status === 'PUBLISHED')).toHaveLength(1);
    expect(failures).toHaveLength(1);
    expect(failures[0].errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', expected: expect.any(Number), actual: expect.any(Number) });
    const loser = results[0].errors ? first : second;
    const rebased = (await api.data(REBASE, { id: loser }, 'approver')).rebaseAmendment;
    expect(rebased.status).toBe('APPROVED');
    expect((await api.data(PUBLISH, { id: loser }, 'approver')).publishAmendment.status).toBe('PUBLISHED');
  });

  it('retracts a published change retroactively, leaving answers for earlier knowledge unchanged', async () => {
    const published = await throughApproval(api, reassign('SG', 3, '2025-03-01'));
    await api.data(PUBLISH, { id: published }, 'approver');
    const beforeRetraction = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const retraction = await throughApproval(api, {
      title: 'TEST FIXTURE: retract the Singapore reassignment',
      rationale: 'Recorded in error (test fixture).',
      source: FIXTURE_SOURCE,
      changes: [{ type: 'RETRACT_CHANGE', changeId: `${published}#0`, effectiveAt: '2025-03-01' }],
    } as unknown as ReturnType<typeof reassign>);
    await api.data(PUBLISH, { id: retraction }, 'approver');
    const query = `query($at: PolicyCoordinates) { countryStatus(country: "SG", at: $at) { tier } }`;
    expect((await api.data(query, { at: { validAt: '2025-06-01', knownAt: beforeRetraction } })).countryStatus.tier).toBe(3);
    expect((await api.data(query, { at: { validAt: '2025-06-01' } })).countryStatus.tier).toBe(2);
  });

  it('announces status changes to subscribers', async () => {
    const client = await api.subscriptions('viewer');
    const events = nextEvents<any>(client, 'subscription { amendmentStatusChanged { id status } }', {}, 2);
    await events.ready;
    const { draftAmendment } = await api.data(DRAFT, { input: reassign('TH', 3, '2025-09-01') }, 'editor');
    await api.data(SUBMIT, { id: draftAmendment.id }, 'editor');
    const received = await events.events;
    await client.dispose();
    expect(received.map((event) => event.amendmentStatusChanged)).toEqual([
      { id: draftAmendment.id, status: 'DRAFT' },
      { id: draftAmendment.id, status: 'SUBMITTED' },
    ]);
  });
});
