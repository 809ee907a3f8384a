import type { Client } from 'graphql-ws';
import { ApiHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { indiaShipment } from './support/fixtures.js';

const ISSUE = `mutation($input: DeterminationInput!, $commandId: ID) {
  issueDetermination(input: $input, validAt: "2025-06-01", commandId: $commandId) { id position }
}`;
const DETERMINATIONS = `subscription($since: Float) { determinationIssued(since: $since) { id position } }`;

interface Message {
  id: string;
  position: number;
}

/** Subscribes and keeps every message (and any error) as it arrives; `stop` unsubscribes. */
function collect<T>(client: Client, query: string, variables: Record<string, unknown>, field: string) {
  const received: T[] = [];
  const errors: unknown[] = [];
  const stop = client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        else received.push(value.data![field]!);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { received, errors, stop };
}

describe.each(['sqlite', 'eventstoredb-standin'] as const)('resumable subscriptions (since) over %s', (store) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start(store);
  });
  afterAll(() => api.stop());

  async function issue(n: number, tag: string): Promise<Message[]> {
    const issued: Message[] = [];
    for (let i = 0; i < n; i++) {
      issued.push(
        (await api.data<{ issueDetermination: Message }>(ISSUE, { input: indiaShipment(`${tag}-${i}`, 1), commandId: `${tag}-${i}` }, 'determiner'))
          .issueDetermination,
      );
    }
    return issued;
  }

  it('delivers, after a disconnection, exactly the 50 rulings issued meanwhile, in order, then live ones, with no duplicate', async () => {
    const issued: Message[] = [];
    const first = await api.subscriptions('viewer');
    const live = collect<Message>(first, DETERMINATIONS, {}, 'determinationIssued');
    // Live subscriptions start "now": issue until one arrives, so the subscription is known to be running.
    await eventually(
      async () => {
        if (live.received.length === 0) issued.push(...(await issue(1, `online-${issued.length}`)));
        return live.received;
      },
      (received) => received.length > 0,
      30_000,
    );
    live.stop();
    await first.dispose();
    const seen = live.received.at(-1)!;

    issued.push(...(await issue(50, 'while-away')));
    const second = await api.subscriptions('viewer');
    const resumed = collect<Message>(second, DETERMINATIONS, { since: seen.position }, 'determinationIssued');
    // Two rulings issued while the history is being delivered (the switch to live), two once it is live.
    issued.push(...(await issue(2, 'during-switch')));
    const expectedBeforeLive = issued.filter((message) => message.position > seen.position);
    await eventually(
      async () => resumed.received,
      (received) => received.length >= expectedBeforeLive.length,
      60_000,
    );
    issued.push(...(await issue(2, 'after-switch')));
    const expected = issued.filter((message) => message.position > seen.position);
    await eventually(
      async () => resumed.received,
      (received) => received.length >= expected.length,
      30_000,
    );
    // Anything more would be a duplicate: give it time to show.
    await new Promise((resolve) => setTimeout(resolve, 500));
    resumed.stop();
    await second.dispose();

    expect(resumed.errors).toEqual([]);
    expect(expected.length).toBeGreaterThanOrEqual(54);
    expect(resumed.received).toEqual(expected);
  });

  it('replays the policy changes after a position, each carrying its position', async () => {
    const client = await api.subscriptions('viewer');
    const all = collect<{ changeId: string; position: number }>(client, `subscription { policyChanged(since: 0) { changeId position } }`, {}, 'policyChanged');
    const changes = await eventually(
      async () => all.received,
      (received) => received.length >= 10,
      30_000,
    );
    all.stop();
    const from = changes[4]!.position;
    const later = collect<{ changeId: string; position: number }>(
      client,
      `subscription($since: Float) { policyChanged(since: $since) { changeId position } }`,
      { since: from },
      'policyChanged',
    );
    const resumed = await eventually(
      async () => later.received,
      (received) => received.length >= 5,
      30_000,
    );
    later.stop();
    await client.dispose();
    expect(resumed.slice(0, 5)).toEqual(changes.slice(5, 10));
  });

  it('replays an amendment joined part-way as the views its events produced', async () => {
    const reassign = {
      title: 'TEST FIXTURE: Thailand to Tier 3 (fictitious)',
      rationale: 'Test fixture for the resumable feed; not a real legal action.',
      source: { citation: 'TEST FIXTURE', publishedAt: '2026-11-01' },
      changes: [{ type: 'REASSIGN_TIER', country: 'TH', tier: 3, effectiveAt: '2025-09-01' }],
    };
    const { draftAmendment } = await api.data(
      `mutation($input: DraftAmendmentInput!) { draftAmendment(input: $input) { id position } }`,
      { input: reassign },
      'editor',
    );
    await api.data(`mutation($id: ID!) { submitAmendment(id: $id) { id } }`, { id: draftAmendment.id }, 'editor');
    const client = await api.subscriptions('viewer');
    // From just after the draft: the submission only, as the whole amendment it made (folded from the draft).
    const feed = collect<{ id: string; status: string; title: string }>(
      client,
      `subscription($id: ID, $since: Float) { amendmentStatusChanged(id: $id, since: $since) { id status title } }`,
      { id: draftAmendment.id, since: draftAmendment.position },
      'amendmentStatusChanged',
    );
    const received = await eventually(
      async () => feed.received,
      (messages) => messages.length >= 1,
      30_000,
    );
    feed.stop();
    await client.dispose();
    expect(received).toEqual([{ id: draftAmendment.id, status: 'SUBMITTED', title: reassign.title }]);
  });

  it('refuses a since that is not a commit position', async () => {
    const client = await api.subscriptions('viewer');
    const bad = collect<Message>(client, DETERMINATIONS, { since: -1 }, 'determinationIssued');
    const errors = await eventually(
      async () => bad.errors,
      (received) => received.length > 0,
      30_000,
    );
    await client.dispose();
    expect(JSON.stringify(errors)).toContain('BAD_USER_INPUT');
  });
});
