import { randomUUID } from 'node:crypto';
import { openMemoryEventStore, type EventStore } from '#event-store';
import { ProjectionProcessor, type MemoryProjection } from '#projections';
import { NodeFeed } from './node-feed.service.js';

describe('NodeFeed: when every projection of the node has applied a position', () => {
  let store: EventStore;
  let feed: NodeFeed;
  const applied = { policy: 0, amendments: 0, determinations: 0, webhooks: 0 };

  const append = async (stream: string, type = 'Recorded') => (await store.append(stream, [{ id: randomUUID(), type, data: {} }], 'any')).position;
  const received = async (position: number) => {
    while (feed.position < position) await new Promise((resolve) => setTimeout(resolve, 2));
  };

  beforeEach(async () => {
    store = openMemoryEventStore();
    applied.policy = await append('policy-p1', 'TierAssigned');
    applied.amendments = await append('amendment-a1', 'AmendmentDrafted');
    applied.determinations = await append('determination-d1', 'DeterminationIssued');
    // The node's three projections as declared, their applied positions set by each test.
    const declared = (name: keyof typeof applied, events: MemoryProjection['events']): MemoryProjection => ({
      name,
      events,
      storage: 'memory',
      apply: () => undefined,
    });
    const processor = new ProjectionProcessor(store, [
      declared('policy', { streamPrefix: 'policy-' }),
      declared('amendments', { streamPrefix: 'amendment-' }),
      declared('determinations', { streamPrefix: 'determination-', eventTypes: ['DeterminationIssued'] }),
    ]);
    feed = new NodeFeed(
      store,
      {
        streamPrefixes: () => processor.streamPrefixes(),
        followers: () => processor.followers().map((follower) => ({ ...follower, appliedPosition: () => applied[follower.name as keyof typeof applied] })),
      },
      {
        get appliedPosition() {
          return applied.webhooks;
        },
      },
    );
    await feed.onModuleInit();
  });

  afterEach(async () => {
    await feed.beforeApplicationShutdown();
    await store.close();
  });

  it('given projections caught up when the node started, has applied the head', () => {
    expect(feed.appliedPosition()).toBe(applied.determinations);
  });

  it('given a determination the determinations read model has not applied yet, has applied only what is before it', async () => {
    const ledger = await append('ledger-LPP-acme-2025', 'AllocationDrawn');
    const issued = await append('determination-d2', 'DeterminationIssued');
    await received(issued);

    expect(feed.appliedPosition()).toBe(issued - 1);
    expect(feed.appliedPosition()).toBeGreaterThanOrEqual(ledger);

    applied.determinations = issued;
    expect(feed.appliedPosition()).toBe(issued);
  });

  it('given a position the policy projection never sees (a ledger draw), has applied it once the feed passed it and nothing before it is pending', async () => {
    const policy = await append('policy-p1', 'TierAssigned');
    const draw = await append('ledger-LPP-acme-2025', 'AllocationDrawn');
    await received(draw);
    expect(feed.appliedPosition()).toBeLessThan(policy);

    applied.policy = policy;
    expect(feed.appliedPosition()).toBe(draw);
  });

  it('ignores events of the product streams no projection follows, and other determination event types', async () => {
    const other = await append('determination-d3', 'DeterminationAnnotated');
    const draw = await append('ledger-LPP-acme-2025', 'AllocationDrawn');
    await received(draw);

    expect(feed.appliedPosition()).toBe(draw);
    expect(other).toBeLessThan(draw);
  });

  it('waits until the projections have applied a position, or says it did not within the time', async () => {
    const issued = await append('determination-d4', 'DeterminationIssued');
    await received(issued);

    expect(await feed.waitUntilApplied(issued, 30)).toBe(false);
    setTimeout(() => (applied.determinations = issued), 20);
    expect(await feed.waitUntilApplied(issued, 1000)).toBe(true);
  });

  it("follows the webhooks' streams: a webhook's change is applied once the webhooks read model has it", async () => {
    const created = await append('webhook-w1', 'WebhookCreated');
    await received(created);
    expect(feed.appliedPosition()).toBe(created - 1);

    applied.webhooks = created;
    expect(feed.appliedPosition()).toBe(created);
  });

  it('waits for a position the feed has not received yet', async () => {
    const waiting = feed.waitUntilApplied(applied.determinations + 1, 1000);
    const draw = await append('ledger-LPP-acme-2025', 'AllocationDrawn');

    expect(await waiting).toBe(true);
    expect(feed.position).toBe(draw);
  });

  it('counts what each projection and the feed have still to apply, up to the limit + 1', async () => {
    const issued = await append('determination-d5', 'DeterminationIssued');
    await received(issued);
    await feed.beforeApplicationShutdown();
    for (let i = 0; i < 5; i++) await append('policy-p1', 'TierAssigned');

    expect(await feed.lag(3)).toEqual({ feed: 4, projections: { policy: 4, amendments: 0, determinations: 1, webhooks: 0 } });
  });
});
