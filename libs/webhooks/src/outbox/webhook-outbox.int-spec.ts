import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { openMemoryEventStore, type EventStore } from '#event-store';
import { verifyWebhookSignature } from '../../../../packages/client/src/webhook-signature.js';
import { SecretBox } from '../delivery/secret-box.js';
import { sendDelivery } from '../delivery/webhook-sender.js';
import { ReadModelRunner } from '../projection/read-model-projection.js';
import { WebhookReceiver } from '../testing/webhook-receiver.js';
import { DispatchLease } from './dispatch-lease.js';
import { WebhookDispatcher, type DispatcherSettings } from './webhook-dispatcher.js';
import { REDELIVERY_REQUESTED, WEBHOOK_CREATED, WEBHOOK_DELETED, deliveryStream, webhookStream } from './webhook-events.js';
import { WebhookQueries } from './webhook-queries.js';
import { deliveryId, webhooksProjection } from './webhooks.projection.js';

const SECRET = 'whsec_outbox-spec-0123456789';
const QUICK: DispatcherSettings = {
  concurrency: 4,
  timeoutMs: 2_000,
  retry: { baseMs: 20, maxMs: 100, windowMs: 60_000 },
  allowPrivateAddresses: true,
  pollMs: 20,
};

async function eventually<T>(probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One API node's webhook parts over a shared store: its own read model, its own lease holder id. */
class Node {
  readonly db = new Database(':memory:');
  readonly runner: ReadModelRunner;
  queries!: WebhookQueries;
  dispatcher!: WebhookDispatcher;
  readonly warnings: string[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly secrets: SecretBox,
    private readonly settings: DispatcherSettings,
    private readonly leaseMs = 2_000,
  ) {
    this.runner = new ReadModelRunner(
      store,
      webhooksProjection(() => this.dispatcher?.wake()),
      this.db,
      (message) => this.warnings.push(message),
    );
  }

  async start(): Promise<this> {
    await this.runner.start();
    this.queries = new WebhookQueries(this.db);
    const log = { warn: (message: string) => this.warnings.push(message), error: (message: string) => this.warnings.push(message) };
    const lease = new DispatchLease(this.store, randomUUID(), this.leaseMs);
    this.dispatcher = new WebhookDispatcher(
      { store: this.store, readModel: this.runner, queries: this.queries, lease, secrets: this.secrets, send: sendDelivery, log },
      this.settings,
    );
    this.dispatcher.start();
    return this;
  }

  async stop(): Promise<void> {
    await this.dispatcher.stop();
    await this.runner.stop();
    this.db.close();
  }
}

describe('webhook outbox: the read model, the dispatcher and the lease over one store', () => {
  let store: EventStore;
  let secrets: SecretBox;
  let receiver: WebhookReceiver;
  let url: string;
  const nodes: Node[] = [];

  const node = async (settings = QUICK, leaseMs?: number) => {
    const started = await new Node(store, secrets, settings, leaseMs).start();
    nodes.push(started);
    return started;
  };
  const createWebhook = async (events = ['DeterminationIssued'], at = url, box = secrets) => {
    const webhookId = randomUUID();
    const data = { webhookId, url: at, events, secret: box.seal(SECRET, webhookId) };
    await store.append(webhookStream(webhookId), [{ id: randomUUID(), type: WEBHOOK_CREATED, data, metadata: { actor: 'spec-admin' } }], 'no_stream');
    return webhookId;
  };
  const rule = async (n: number, type = 'DeterminationIssued') => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      await store.append(`determination-${id}`, [{ id, type, data: { determinationId: id, n: i } }], 'no_stream');
      ids.push(id);
    }
    return ids;
  };

  beforeEach(async () => {
    store = openMemoryEventStore();
    secrets = SecretBox.of(randomBytes(32));
    receiver = new WebhookReceiver();
    url = await receiver.start();
  });
  afterEach(async () => {
    for (const started of nodes.splice(0)) await started.stop();
    await receiver.stop();
    await store.close();
  });

  it('delivers each event of a subscribed type recorded after the webhook, once, in commit order, signed with its secret', async () => {
    await rule(2);
    const webhookId = await createWebhook();
    await node();
    const ids = await rule(5);
    await rule(1, 'AllocationDrawn');

    const accepted = await eventually(() => receiver.accepted().length === 5 && receiver.accepted());
    expect(accepted.map((d) => d.body.eventId)).toEqual(ids);
    expect(receiver.requests).toHaveLength(5);
    for (const delivery of accepted) {
      expect(delivery.id).toBe(deliveryId(webhookId, delivery.body.eventId));
      expect(delivery.body).toMatchObject({ type: 'DeterminationIssued', webhookId });
      expect(() => verifyWebhookSignature({ secret: SECRET, header: delivery.headers['policy-ledger-signature'], rawBody: delivery.rawBody })).not.toThrow();
    }
  });

  it('given a receiver failing the first 3 attempts, retries with backoff and delivers everything, still in order', async () => {
    receiver.answer = (_, i) => (i < 3 ? 503 : 204);
    const webhookId = await createWebhook();
    const started = await node();
    const ids = await rule(4);

    const accepted = await eventually(() => receiver.accepted().length === 4 && receiver.accepted());
    expect(accepted.map((d) => d.body.eventId)).toEqual(ids);
    expect(receiver.requests.slice(0, 4).map((d) => [d.body.eventId, d.attempt])).toEqual([
      [ids[0], 1],
      [ids[0], 2],
      [ids[0], 3],
      [ids[0], 4],
    ]);
    const first = await eventually(() =>
      started.queries.deliveries(webhookId, { first: 10 }).rows.find((r) => r.event_id === ids[0] && r.status === 'DELIVERED'),
    );
    expect(first).toMatchObject({ attempts: 4, last_status_code: 204 });
    // Each answer is recorded after the receiver has it: wait for the last one to be.
    await eventually(() => started.queries.backlog()[0]?.open === 0);
    expect(started.queries.backlog()).toEqual([{ webhookId, open: 0, deadLettered: 0 }]);
  });

  it('dead-letters a delivery still failing at the end of its window, goes on with the next, and redelivers it when asked', async () => {
    receiver.answer = (delivery) => ((delivery.body.data as { n: number }).n === 0 ? 500 : 204);
    const webhookId = await createWebhook();
    const started = await node({ ...QUICK, retry: { baseMs: 20, maxMs: 50, windowMs: 1_500 } });
    const [failing, next] = await rule(2);

    const dead = await eventually(() => started.queries.delivery(deliveryId(webhookId, failing!)));
    await eventually(() => started.queries.delivery(dead.id)?.status === 'DEAD_LETTERED');
    await eventually(() => receiver.accepted().some((d) => d.body.eventId === next));
    // The receiver's answer is recorded after it arrives: wait for the read model to say so.
    await eventually(() => started.queries.delivery(deliveryId(webhookId, next!))?.status === 'DELIVERED');
    expect(started.queries.backlog()).toEqual([{ webhookId, open: 0, deadLettered: 1 }]);
    const deadRow = started.queries.delivery(dead.id)!;
    expect(deadRow.attempts).toBeGreaterThanOrEqual(2);
    expect(deadRow.last_error).toMatch(/HTTP 500: receiver says no/);

    receiver.answer = () => 204;
    const requested = { deliveryId: dead.id, webhookId, requestedAt: new Date().toISOString() };
    await store.append(deliveryStream(dead.id), [{ id: randomUUID(), type: REDELIVERY_REQUESTED, data: requested }], deadRow.revision);

    await eventually(() => started.queries.delivery(dead.id)?.status === 'DELIVERED');
    expect(started.queries.delivery(dead.id)).toMatchObject({ lane: 'REDELIVERY', attempts: deadRow.attempts + 1 });
    expect(started.queries.backlog()).toEqual([{ webhookId, open: 0, deadLettered: 0 }]);
  });

  it('gives up on a receiver that does not answer within the timeout, and retries it', async () => {
    receiver.answer = (_, i) => (i === 0 ? 'hang' : 204);
    const webhookId = await createWebhook();
    const started = await node({ ...QUICK, timeoutMs: 300 });
    const [id] = await rule(1);

    await eventually(() => started.queries.delivery(deliveryId(webhookId, id!))?.status === 'DELIVERED');
    expect(started.queries.delivery(deliveryId(webhookId, id!))).toMatchObject({ attempts: 2 });
    expect(receiver.requests).toHaveLength(2);
  });

  it('with two nodes on one store, only the lease holder delivers: each event reaches the receiver once', async () => {
    await createWebhook();
    await node();
    await node();
    const ids = await rule(20);

    await eventually(() => receiver.accepted().length === 20);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.requests.map((d) => d.body.eventId)).toEqual(ids);
  });

  it('when the delivering node stops, another takes the lease over and delivers the rest', async () => {
    await createWebhook();
    const first = await node(QUICK, 500);
    const second = await node(QUICK, 500);
    await rule(3);
    await eventually(() => receiver.accepted().length === 3);
    await first.stop();
    nodes.splice(nodes.indexOf(first), 1);

    await rule(3);
    await eventually(() => receiver.accepted().length === 6);
    expect(receiver.requests).toHaveLength(6);
    expect(second.warnings).toEqual([]);
  });

  it('stops delivering to a deleted webhook, and never delivered what was recorded before it was created', async () => {
    const before = await rule(2);
    const webhookId = await createWebhook();
    const started = await node();
    await rule(1);
    await eventually(() => receiver.accepted().length === 1);
    const [created] = await store.readStream(webhookStream(webhookId));
    await store.append(webhookStream(webhookId), [{ id: randomUUID(), type: WEBHOOK_DELETED, data: { webhookId } }], created!.revision);
    await rule(2);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests.map((d) => d.body.eventId)).not.toContain(before[0]);
    expect(started.queries.backlog()).toEqual([]);
  });

  it("records a failure naming the keys when this node cannot open a webhook's secret", async () => {
    const webhookId = await createWebhook(['DeterminationIssued'], url, SecretBox.of(randomBytes(32)));
    const started = await node();
    const [id] = await rule(1);

    const row = await eventually(() => {
      const delivery = started.queries.delivery(deliveryId(webhookId, id!));
      return delivery !== undefined && delivery.attempts > 0 && delivery;
    });
    expect(row.last_error).toMatch(/cannot open the webhook's secret .* give every node the same WEBHOOK_SECRETS_KEY/);
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses a receiver on a loopback address when private addresses are denied', async () => {
    const webhookId = await createWebhook();
    const started = await node({ ...QUICK, allowPrivateAddresses: false });
    const [id] = await rule(1);

    const row = await eventually(() => {
      const delivery = started.queries.delivery(deliveryId(webhookId, id!));
      return delivery !== undefined && delivery.attempts > 0 && delivery;
    });
    expect(row.last_error).toMatch(/refused: 127\.0\.0\.1 is a loopback or private address/);
    expect(receiver.requests).toHaveLength(0);
  });

  it('rebuilds to the same rows from the log', async () => {
    receiver.answer = (_, i) => (i % 3 === 0 ? 500 : 204);
    const webhookId = await createWebhook();
    const started = await node();
    await rule(6);
    await eventually(() => receiver.accepted().length === 6);
    await started.dispatcher.stop();
    const rows = started.queries.deliveries(webhookId, { first: 100 }).rows;

    const rebuilt = new Node(store, secrets, QUICK);
    await rebuilt.runner.start();
    const again = new WebhookQueries(rebuilt.db).deliveries(webhookId, { first: 100 }).rows;
    await rebuilt.runner.stop();
    expect(again).toEqual(rows);
  });
});
