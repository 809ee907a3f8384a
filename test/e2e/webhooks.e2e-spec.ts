// Webhooks end to end (issue 17): the real API in child processes delivering to a real HTTP
// receiver on 127.0.0.1, on SQLite and on two API nodes sharing the EventStoreDB stand-in (which
// is not EventStoreDB). The retry schedule is shortened through settings; the 24 h schedule itself
// is unit-tested (libs/webhooks/src/delivery/retry-schedule.spec.ts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyWebhookSignature } from '../../packages/client/src/webhook-signature.js';
import { WebhookReceiver, type ReceivedDelivery } from '../../libs/webhooks/src/testing/webhook-receiver.js';
import { ApiHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { indiaShipment } from './support/fixtures.js';
import { StandInProcess } from './support/standin-process.js';

const SECRET = 'whsec_e2e-0123456789abcdef';
const QUICK_RETRIES = {
  WEBHOOK_RETRY_BASE_MS: '100',
  WEBHOOK_RETRY_MAX_MS: '400',
  WEBHOOK_TIMEOUT_MS: '3000',
  WEBHOOK_LEASE_MS: '6000',
};
const DELIVERY_WAIT_MS = 90_000;

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id url events backlog deadLettered position } }`;
const ISSUE = `mutation($input: DeterminationInput!, $commandId: ID) {
  issueDetermination(input: $input, validAt: "2025-06-01", commandId: $commandId) { id position }
}`;
const DELIVERIES = `query($id: ID!, $at: Float) {
  webhookDeliveries(id: $id, consistentWith: $at) { totalCount nodes { id eventId eventType eventPosition status attempts lastStatusCode redelivery } }
}`;

interface Issued {
  id: string;
  position: number;
}

async function issue(api: ApiHarness, n: number, tag: string): Promise<Issued[]> {
  const issued: Issued[] = [];
  for (let i = 0; i < n; i++) {
    const input = indiaShipment(`${tag}-${i}`, 1);
    issued.push((await api.data<{ issueDetermination: Issued }>(ISSUE, { input, commandId: `${tag}-${i}` }, 'determiner')).issueDetermination);
  }
  return issued;
}

async function createWebhook(api: ApiHarness, url: string): Promise<{ id: string; position: number }> {
  const input = { url, events: ['DeterminationIssued'], secret: SECRET };
  return (await api.data<{ createWebhook: { id: string; position: number } }>(CREATE, { input })).createWebhook;
}

const rulingOf = (delivery: ReceivedDelivery) => (delivery.body.data as { determinationId: string }).determinationId;

async function accepted(receiver: WebhookReceiver, count: number): Promise<ReceivedDelivery[]> {
  const deliveries = await eventually(
    async () => receiver.accepted(),
    (all) => all.length >= count,
    DELIVERY_WAIT_MS,
  );
  expect(deliveries).toHaveLength(count);
  return deliveries;
}

function expectSigned(deliveries: ReceivedDelivery[]): void {
  for (const delivery of deliveries) {
    expect(() => verifyWebhookSignature({ secret: SECRET, header: delivery.headers['policy-ledger-signature'], rawBody: delivery.rawBody })).not.toThrow();
    expect(() =>
      verifyWebhookSignature({ secret: 'whsec_some-other-secret', header: delivery.headers['policy-ledger-signature'], rawBody: delivery.rawBody }),
    ).toThrow(/No v1 signature matches/);
  }
}

describe('webhooks on SQLite', () => {
  let api: ApiHarness;
  let receiver: WebhookReceiver;
  let url: string;

  beforeAll(async () => {
    receiver = new WebhookReceiver();
    url = await receiver.start();
    api = await ApiHarness.start('sqlite', { env: QUICK_RETRIES });
  });
  afterAll(async () => {
    await api.stop();
    await receiver.stop();
  });

  it('refuses a webhook to a non-http URL, with unknown event types, or from a non-admin', async () => {
    const ftp = await api.gql(CREATE, { input: { url: 'ftp://127.0.0.1/hooks', events: ['DeterminationIssued'], secret: SECRET } });
    expect(ftp.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.url'] });
    expect(ftp.errors?.[0]?.message).toMatch(/only http and https URLs/);
    const unknown = await api.gql(CREATE, { input: { url, events: ['DeterminationIsued'], secret: SECRET } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.events.0'] });
    const determiner = await api.gql(CREATE, { input: { url, events: ['DeterminationIssued'], secret: SECRET } }, 'determiner');
    expect(determiner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('given a receiver failing the first 3 attempts, delivers every ruling exactly once after retries, in commit order, signed', async () => {
    receiver.answer = (_, index) => (index < 3 ? 503 : 204);
    const webhook = await createWebhook(api, url);
    const issued = await issue(api, 10, 'retried');

    const deliveries = await accepted(receiver, 10);
    expect(deliveries.map(rulingOf)).toEqual(issued.map((ruling) => ruling.id));
    expect(deliveries.map((d) => d.body.position)).toEqual(issued.map((ruling) => ruling.position));
    expect(receiver.requests.slice(0, 4).map((d) => [rulingOf(d), d.attempt, d.answer])).toEqual([
      [issued[0]!.id, 1, 503],
      [issued[0]!.id, 2, 503],
      [issued[0]!.id, 3, 503],
      [issued[0]!.id, 4, 204],
    ]);
    expect(receiver.requests).toHaveLength(13);
    expectSigned(deliveries);

    const last = issued.at(-1)!.position;
    const listing = await eventually(
      async () =>
        (await api.data<{ webhookDeliveries: { totalCount: number; nodes: Array<Record<string, any>> } }>(DELIVERIES, { id: webhook.id, at: last }))
          .webhookDeliveries,
      (page) => page.nodes.every((node) => node.status === 'DELIVERED'),
      30_000,
    );
    expect(listing.totalCount).toBe(10);
    expect(listing.nodes.at(-1)).toMatchObject({
      eventId: expect.any(String),
      eventType: 'DeterminationIssued',
      status: 'DELIVERED',
      attempts: 4,
      lastStatusCode: 204,
    });

    const metrics = await eventually(
      async () => (await fetch(api.url.replace(/\/graphql$/, '/metrics'))).text(),
      (text) => /^policy_ledger_webhook_attempts_total\{outcome="delivered"\} 10$/m.test(text),
      10_000,
    );
    expect(metrics).toMatch(new RegExp(`^policy_ledger_webhook_backlog\\{webhook="${webhook.id}"\\} 0$`, 'm'));
    expect(metrics).toMatch(/^policy_ledger_webhook_attempts_total\{outcome="failed"\} 3$/m);
    expect(metrics).toMatch(/^policy_ledger_webhook_attempts_total\{outcome="delivered"\} 10$/m);

    // redeliver: the same delivery id again, a new attempt, beside the ordered deliveries.
    const first = listing.nodes.at(-1)!;
    const redelivered = await api.data<{ redeliver: { id: string; status: string; redelivery: boolean } }>(
      'mutation($id: ID!) { redeliver(deliveryId: $id) { id status redelivery } }',
      { id: first.id },
    );
    expect(redelivered.redeliver).toEqual({ id: first.id, status: 'PENDING', redelivery: true });
    const again = await eventually(
      async () => receiver.requests.filter((d) => d.id === first.id),
      (all) => all.length === 5,
      DELIVERY_WAIT_MS,
    );
    expect(again.at(-1)).toMatchObject({ attempt: 5, answer: 204 });
    const deleted = await api.data<{ deleteWebhook: { deletedAt: string | null } }>('mutation($id: ID!) { deleteWebhook(id: $id) { deletedAt } }', {
      id: webhook.id,
    });
    expect(deleted.deleteWebhook.deletedAt).toEqual(expect.any(String));
  });

  it('loses nothing when the API is killed mid-delivery: the restarted API delivers every ruling (deduplicated by delivery id)', async () => {
    const hanging = new WebhookReceiver((_, index) => (index === 0 ? 'hang' : 204));
    const hangingUrl = await hanging.start();
    try {
      await createWebhook(api, hangingUrl);
      const issued = await issue(api, 5, 'killed');
      await eventually(
        async () => hanging.requests.length,
        (n) => n >= 1,
        DELIVERY_WAIT_MS,
      );
      await api.terminate('SIGKILL');
      api = await ApiHarness.start('sqlite', { dataDir: api.dataDir, env: QUICK_RETRIES });

      const deliveries = await accepted(hanging, 5);
      expect(deliveries.map(rulingOf)).toEqual(issued.map((ruling) => ruling.id));
      expectSigned(deliveries);
      // The attempt cut off by the kill was made again: the first ruling was sent (at least) twice.
      expect(hanging.requests.filter((d) => rulingOf(d) === issued[0]!.id).length).toBeGreaterThanOrEqual(2);
    } finally {
      await hanging.stop();
    }
  });
});

describe('webhooks on two API nodes sharing the EventStoreDB stand-in', () => {
  let dir: string;
  let standIn: StandInProcess;
  let nodes: ApiHarness[];
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-ledger-webhooks-'));
    standIn = await StandInProcess.start(join(dir, 'stand-in.journal'));
    // Every node must open the secrets the others sealed: one key for the cluster.
    const env = { ...QUICK_RETRIES, WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64') };
    nodes = [];
    for (let i = 0; i < 2; i++) nodes.push(await ApiHarness.start('eventstoredb-standin', { connectionString: standIn.connectionString, env }));
    receiver = new WebhookReceiver();
  });
  afterAll(async () => {
    for (const node of nodes) await node.stop();
    await receiver.stop();
    await standIn.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers each ruling once, whichever node issued it, in commit order', async () => {
    const url = await receiver.start();
    await createWebhook(nodes[0]!, url);
    const issued: Issued[] = [];
    for (let round = 0; round < 10; round++) issued.push(...(await issue(nodes[round % 2]!, 1, `node-${round % 2}-${round}`)));

    const deliveries = await accepted(receiver, 10);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.requests).toHaveLength(10);
    expect(deliveries.map(rulingOf)).toEqual([...issued].sort((a, b) => a.position - b.position).map((ruling) => ruling.id));
    expectSigned(deliveries);
  });
});
