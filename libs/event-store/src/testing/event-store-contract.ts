import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EventStore, NewEvent, RecordedEvent, Subscription } from '../event-store.port.js';
import { ConcurrencyError, DuplicateEventIdError, StoreConflictError } from '../event-store.errors.js';
import { EventSerializer } from '../serialization/event-serializer.js';

/** Backing storage for one test; every handle it opens sees the same log. */
export interface EventStoreHarness {
  open(options?: { serializer?: EventSerializer }): Promise<EventStore>;
  dispose(): Promise<void>;
}

export type EventStoreHarnessFactory = () => Promise<EventStoreHarness>;

const fixtureUrl = new URL('../../test-fixtures/threshold-changed.v1.json', import.meta.url);

/** A stored event of version 1, kept as the store wrote it (see the fixture's "note"). */
export interface StoredEventFixture {
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/**
 * The fixture's type as its owner declares it (the policy's ThresholdChanged, version 2 added
 * `unit`), restated here: the store library knows no domain types, only how versions are lifted.
 */
export function thresholdChangedSerializer(): EventSerializer {
  return new EventSerializer([{ type: 'ThresholdChanged', version: 2, upcasters: { 1: (data: object) => ({ unit: '', ...data }) } }]);
}

export function loadThresholdChangedV1Fixture(): StoredEventFixture {
  return JSON.parse(readFileSync(fixtureUrl, 'utf8')) as StoredEventFixture;
}

function event(type: string, data: unknown, metadata?: Record<string, unknown>): NewEvent {
  return { id: randomUUID(), type, data, ...(metadata ? { metadata } : {}) };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected a rejection.');
}

/**
 * The one contract every EventStore adapter is held to (issue 3). Each test uses fresh stream
 * names (and a fresh harness), so adapters backed by a shared server stay isolated.
 */
export function describeEventStoreContract(name: string, factory: EventStoreHarnessFactory): void {
  describe(`EventStore contract: ${name}`, () => {
    let harness: EventStoreHarness;
    let store: EventStore;
    let run: string;
    const subscriptions: Subscription[] = [];

    const subscribe = (...args: Parameters<EventStore['subscribe']>): Subscription => {
      const subscription = store.subscribe(...args);
      subscriptions.push(subscription);
      return subscription;
    };

    beforeAll(() => {
      console.log(`event-store contract: running on ${name}`);
    });

    beforeEach(async () => {
      run = randomUUID().slice(0, 8);
      harness = await factory();
      store = await harness.open();
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
      await store.close();
      await harness.dispose();
    });

    it('round-trips events with their metadata, revisions, positions and recordedAt', async () => {
      const stream = `order-${run}`;
      const first = event('OrderPlaced', { sku: 'H100', quantity: 8, nested: { b: 2, a: [1, { z: null }] } }, { correlationId: 'c-1', actor: 'alice' });
      const second = event('OrderShipped', { carrier: 'ups' });
      const result = await store.append(stream, [first, second], 'no_stream');
      const read = await store.readStream(stream);

      expect(read.map((e) => [e.id, e.stream, e.revision, e.type])).toEqual([
        [first.id, stream, 0, 'OrderPlaced'],
        [second.id, stream, 1, 'OrderShipped'],
      ]);
      expect(read[0]!.data).toEqual(first.data);
      expect(read[1]!.data).toEqual(second.data);
      expect(read[0]!.metadata).toMatchObject({ correlationId: 'c-1', actor: 'alice', schemaVersion: 1, prevHash: '' });
      expect(read[1]!.metadata.prevHash).toBe(read[0]!.metadata.hash);
      expect(read[1]!.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(read[1]!.position).toBeGreaterThan(read[0]!.position);
      expect(result).toEqual({ nextRevision: 1, position: read[1]!.position });
      for (const e of read) expect(new Date(e.recordedAt).toISOString()).toBe(e.recordedAt);
      await expect(store.verify(stream)).resolves.toMatchObject({ ok: true, eventsChecked: 2 });
    });

    it('reads a stream forwards, backwards, from a revision and up to a count; a missing stream reads empty', async () => {
      const stream = `read-${run}`;
      await store.append(
        stream,
        Array.from({ length: 6 }, (_, i) => event('Counted', { i })),
        'no_stream',
      );
      const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);

      expect(revisions(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4, 5]);
      expect(revisions(await store.readStream(stream, { fromRevision: 2, maxCount: 3 }))).toEqual([2, 3, 4]);
      expect(revisions(await store.readStream(stream, { direction: 'backwards' }))).toEqual([5, 4, 3, 2, 1, 0]);
      expect(revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 3, maxCount: 2 }))).toEqual([3, 2]);
      expect(await store.readStream(`missing-${run}`)).toEqual([]);
    });

    it("honours expectedRevision 'no_stream', exact revisions, 'any' and 'stream_exists'", async () => {
      const stream = `expect-${run}`;
      await expect(store.append(stream, [event('A', {})], 'stream_exists')).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.append(stream, [event('A', {})], 'no_stream')).resolves.toMatchObject({ nextRevision: 0 });
      await expect(store.append(stream, [event('A', {})], 'no_stream')).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.append(stream, [event('B', {}), event('B', {})], 0)).resolves.toMatchObject({ nextRevision: 2 });
      await expect(store.append(stream, [event('C', {})], 0)).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.append(stream, [event('D', {})], 'any')).resolves.toMatchObject({ nextRevision: 3 });
      await expect(store.append(stream, [event('E', {})], 'stream_exists')).resolves.toMatchObject({ nextRevision: 4 });
      await expect(store.append(`any-${run}`, [event('F', {})], 'any')).resolves.toMatchObject({ nextRevision: 0 });
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B', 'B', 'D', 'E']);
    });

    it('raises ConcurrencyError carrying the expected and the actual revision', async () => {
      const stream = `conflict-${run}`;
      await store.append(stream, [event('A', {}), event('A', {})], 'no_stream');

      const stale = (await rejectionOf(store.append(stream, [event('B', {})], 0))) as ConcurrencyError;
      expect(stale).toBeInstanceOf(ConcurrencyError);
      expect(stale).toBeInstanceOf(StoreConflictError);
      expect(stale).toMatchObject({ code: 'CONFLICT', stream, expectedRevision: 0, actualRevision: 1 });

      const exists = (await rejectionOf(store.append(stream, [event('B', {})], 'no_stream'))) as ConcurrencyError;
      expect(exists).toMatchObject({ stream, expectedRevision: 'no_stream', actualRevision: 1 });

      const missing = (await rejectionOf(store.append(`none-${run}`, [event('B', {})], 3))) as ConcurrencyError;
      expect(missing).toMatchObject({ expectedRevision: 3, actualRevision: 'no_stream' });
    });

    it('lets exactly one of 20 concurrent appenders at the same expected revision win', async () => {
      const stream = `race-${run}`;
      await store.append(stream, [event('Opened', {})], 'no_stream');
      const attempts = Array.from({ length: 20 }, (_, i) => store.append(stream, [event('Raced', { writer: i })], 0));
      const outcomes = await Promise.allSettled(attempts);

      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const o of lost) {
        expect(o.reason).toBeInstanceOf(ConcurrencyError);
        expect(o.reason).toMatchObject({ expectedRevision: 0, actualRevision: 1 });
      }
      expect(await store.readStream(stream)).toHaveLength(2);
      await expect(store.verify(stream)).resolves.toMatchObject({ ok: true });
    });

    it('treats re-appending the same event ids as a no-op that returns the original result', async () => {
      const stream = `idem-${run}`;
      const batch = [event('Issued', { n: 1 }), event('Issued', { n: 2 })];
      const original = await store.append(stream, batch, 'no_stream');

      await expect(store.append(stream, batch, 'no_stream')).resolves.toEqual(original);
      await expect(store.append(stream, batch, 'any')).resolves.toEqual(original);
      const later = await store.append(stream, [event('Amended', {})], 1);
      await expect(store.append(stream, batch, 'no_stream')).resolves.toEqual(original);
      const single = event('Noted', {});
      const singleResult = await store.append(stream, [single], later.nextRevision);
      await expect(store.append(stream, [single], later.nextRevision)).resolves.toEqual(singleResult);
      await expect(store.append(stream, [single], 'any')).resolves.toEqual(singleResult);

      expect((await store.readStream(stream)).map((e) => e.id)).toEqual([batch[0]!.id, batch[1]!.id, expect.any(String), single.id]);
      const partial = await rejectionOf(store.append(stream, [batch[1]!, event('New', {})], 'any'));
      expect(partial).toBeInstanceOf(DuplicateEventIdError);
      expect(partial).toMatchObject({ code: 'CONFLICT' });
      expect(await store.readStream(stream)).toHaveLength(4);
    });

    it('reads the global log in position order with stream-prefix and event-type filters', async () => {
      const prefix = `t${run}-`;
      const results = [];
      results.push(await store.append(`${prefix}policy-1`, [event('RuleAdded', { i: 0 })], 'no_stream'));
      results.push(await store.append(`${prefix}ledger-1`, [event('DeterminationIssued', { i: 1 })], 'no_stream'));
      results.push(await store.append(`${prefix}policy-1`, [event('RuleAmended', { i: 2 }), event('RuleAdded', { i: 3 })], 0));
      results.push(await store.append(`other-${run}`, [event('RuleAdded', { i: 99 })], 'no_stream'));
      results.push(await store.append(`${prefix}ledger-2`, [event('DeterminationIssued', { i: 4 })], 'no_stream'));

      const all = await store.readAll({ streamPrefix: prefix });
      expect(all.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
      for (let i = 1; i < all.length; i++) expect(all[i]!.position).toBeGreaterThan(all[i - 1]!.position);
      for (let i = 1; i < all.length; i++) expect(all[i]!.recordedAt >= all[i - 1]!.recordedAt).toBe(true);

      const policy = await store.readAll({ streamPrefix: `${prefix}policy-` });
      expect(policy.map((e) => e.revision)).toEqual([0, 1, 2]);
      const both = await store.readAll({ streamPrefix: [`${prefix}ledger-`, `other-${run}`] });
      expect(both.map((e) => (e.data as { i: number }).i)).toEqual([1, 99, 4]);
      const added = await store.readAll({ streamPrefix: prefix, eventTypes: ['RuleAdded'] });
      expect(added.map((e) => (e.data as { i: number }).i)).toEqual([0, 3]);
      const types = await store.readAll({ fromPosition: results[0]!.position - 1, eventTypes: ['RuleAdded', 'RuleAmended'] });
      expect(types.filter((e) => e.stream.includes(run)).map((e) => (e.data as { i: number }).i)).toEqual([0, 2, 3, 99]);

      const afterFirst = await store.readAll({ streamPrefix: prefix, fromPosition: all[0]!.position });
      expect(afterFirst.map((e) => e.id)).toEqual(all.slice(1).map((e) => e.id));
      const two = await store.readAll({ streamPrefix: prefix, fromPosition: all[1]!.position, maxCount: 2 });
      expect(two.map((e) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));
      expect(all[4]!.position).toBe(results[4]!.position);
    });

    it('subscribes with catch-up then live, without a gap or a duplicate across the switch', async () => {
      const prefix = `s${run}-`;
      for (let i = 0; i < 30; i++) await store.append(`${prefix}${i % 3}`, [event('Ticked', { i })], 'any');
      const seen: RecordedEvent[] = [];
      const subscription = subscribe({ streamPrefix: prefix }, async (e) => {
        seen.push(e);
        if (seen.length % 7 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      });
      // Appends racing the catch-up phase.
      for (let i = 30; i < 60; i++) {
        await store.append(`${prefix}${i % 3}`, [event('Ticked', { i })], 'any');
        if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await subscription.caughtUp;
      await waitFor(() => seen.length >= 60, '60 events');
      // Live appends after the switch.
      for (let i = 60; i < 70; i++) await store.append(`${prefix}${i % 3}`, [event('Ticked', { i })], 'any');
      await waitFor(() => seen.length >= 70, '70 events');
      await new Promise((resolve) => setTimeout(resolve, 50));

      expect(seen.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 70 }, (_, i) => i));
      const log = await store.readAll({ streamPrefix: prefix });
      expect(seen.map((e) => e.position)).toEqual(log.map((e) => e.position));
      await subscription.stop();
      await expect(subscription.closed).resolves.toBeUndefined();
    });

    it('resumes a subscription from a checkpoint, delivering exactly the events after it', async () => {
      const prefix = `r${run}-`;
      for (let i = 0; i < 20; i++) await store.append(`${prefix}a`, [event('Ticked', { i })], i === 0 ? 'no_stream' : i - 1);
      const first: RecordedEvent[] = [];
      const subscription = subscribe({ streamPrefix: prefix }, (e) => {
        first.push(e);
      });
      await subscription.caughtUp;
      await subscription.stop();
      const checkpoint = first[9]!.position;

      for (let i = 20; i < 25; i++) await store.append(`${prefix}b`, [event('Ticked', { i })], 'any');
      const resumed: RecordedEvent[] = [];
      const again = subscribe({ streamPrefix: prefix, fromPosition: checkpoint }, (e) => {
        resumed.push(e);
      });
      await again.caughtUp;
      await waitFor(() => resumed.length >= 15, '15 events');
      expect(resumed.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 15 }, (_, i) => i + 10));
    });

    it('reports how far a subscription has searched: from where it started, then at least the last event handled, a safe place to resume', async () => {
      const prefix = `w${run}-`;
      await store.append(`${prefix}a`, [event('Ticked', { i: 0 })], 'no_stream');
      for (let i = 0; i < 40; i++) await store.append(`elsewhere-${run}-${i % 4}`, [event('Other', { i })], 'any');
      const seen: RecordedEvent[] = [];
      const subscription = subscribe({ streamPrefix: prefix }, (e) => {
        seen.push(e);
      });
      expect(subscription.position).toBeUndefined();
      await subscription.caughtUp;
      expect(seen).toHaveLength(1);
      const reached = subscription.position!;
      expect(reached).toBeGreaterThanOrEqual(seen[0]!.position);
      await store.append(`${prefix}a`, [event('Ticked', { i: 1 })], 0);
      await waitFor(() => seen.length >= 2, '2 events');
      expect(subscription.position).toBeGreaterThanOrEqual(seen[1]!.position);
      await subscription.stop();

      const resumed: RecordedEvent[] = [];
      const again = subscribe({ streamPrefix: prefix, fromPosition: reached }, (e) => {
        resumed.push(e);
      });
      expect(again.position).toBe(reached);
      await again.caughtUp;
      expect(resumed.map((e) => (e.data as { i: number }).i)).toEqual([1]);
    });

    it('subscribes with an event-type filter', async () => {
      const prefix = `f${run}-`;
      await store.append(`${prefix}a`, [event('Kept', { i: 0 }), event('Dropped', { i: 1 }), event('Kept', { i: 2 })], 'no_stream');
      const seen: RecordedEvent[] = [];
      subscribe({ streamPrefix: prefix, eventTypes: ['Kept'] }, (e) => {
        seen.push(e);
      });
      await waitFor(() => seen.length >= 2, '2 events');
      await store.append(`${prefix}a`, [event('Dropped', { i: 3 }), event('Kept', { i: 4 })], 2);
      await waitFor(() => seen.length >= 3, '3 events');
      expect(seen.map((e) => (e.data as { i: number }).i)).toEqual([0, 2, 4]);
    });

    it('ends a subscription whose handler throws, rejecting closed with the error', async () => {
      const stream = `boom-${run}`;
      await store.append(stream, [event('A', {}), event('B', {})], 'no_stream');
      const handled: string[] = [];
      const subscription = subscribe({ streamPrefix: stream }, (e) => {
        if (e.type === 'B') throw new Error('handler failed');
        handled.push(e.type);
      });
      await expect(subscription.closed).rejects.toThrow('handler failed');
      expect(handled).toEqual(['A']);
    });

    it('stores large (1 MB) payloads and unicode intact', async () => {
      const stream = `blob-${run}-Zürich-東京`;
      const large = { blob: 'x'.repeat(1_000_000) };
      const unicode = { text: 'Grüße, 東京, مرحبا, 🚀🇺🇸, "quotes" \\ back\\slash, tab\t, nul \u0000, \u2028', 'kéy-ü': '✓' };
      await store.append(stream, [event('Large', large)], 'no_stream');
      await store.append(stream, [event('Unicode', unicode, { note: 'ñandú 🐦' })], 0);
      const [a, b] = await store.readStream(stream);
      expect((a!.data as typeof large).blob.length).toBe(1_000_000);
      expect(a!.data).toEqual(large);
      expect(b!.data).toEqual(unicode);
      expect(b!.metadata.note).toBe('ñandú 🐦');
      expect(b!.stream).toBe(stream);
      await expect(store.verify(stream)).resolves.toMatchObject({ ok: true, eventsChecked: 2 });
    });

    it('upcasts a stored version-1 event (the fixture) to the current shape on every read path', async () => {
      const fixture = loadThresholdChangedV1Fixture();
      const stream = `policy-${run}`;
      // A handle of "old code" writes the fixture's stored shape at version 1.
      const legacy = await harness.open({ serializer: new EventSerializer([{ type: 'ThresholdChanged', version: 1 }]) });
      await legacy.append(stream, [{ id: randomUUID(), type: fixture.type, data: fixture.data }], 'no_stream');
      await legacy.close();

      const current = await harness.open({ serializer: thresholdChangedSerializer() });
      try {
        const expected = { ...fixture.data, unit: '' };
        const [read] = await current.readStream(stream);
        expect(read!.data).toEqual(expected);
        expect(read!.metadata.schemaVersion).toBe(1);
        expect(read!.storedData).toEqual(fixture.data);
        const [fromAll] = await current.readAll({ streamPrefix: stream });
        expect(fromAll!.data).toEqual(expected);
        const seen: RecordedEvent[] = [];
        const subscription = current.subscribe({ streamPrefix: stream }, (e) => {
          seen.push(e);
        });
        await subscription.caughtUp;
        await subscription.stop();
        expect(seen.map((e) => e.data)).toEqual([expected]);
        await expect(current.verify(stream)).resolves.toMatchObject({ ok: true });
      } finally {
        await current.close();
      }
    });

    it('verifies the hash chain of a stream and of the whole log', async () => {
      const stream = `chain-${run}`;
      await store.append(stream, [event('A', { i: 0 }), event('A', { i: 1 })], 'no_stream');
      await store.append(stream, [event('A', { i: 2 })], 1);
      await expect(store.verify(stream)).resolves.toEqual({ ok: true, streamsChecked: 1, eventsChecked: 3 });
      await expect(store.verify()).resolves.toMatchObject({ ok: true });
      await expect(store.verify(`missing-${run}`)).resolves.toEqual({ ok: true, streamsChecked: 0, eventsChecked: 0 });
    });
  });
}
