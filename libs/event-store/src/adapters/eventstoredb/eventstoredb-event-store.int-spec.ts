import { randomUUID } from 'node:crypto';
import esdb from '@eventstore/db-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbStandIn } from '../../../../../test/support/esdb-standin/event-store-db-stand-in.js';
import { StoreUnavailableError } from '../../event-store.errors.js';
import type { RecordedEvent } from '../../event-store.port.js';
import { describeEventStoreContract } from '../../testing/event-store-contract.js';
import { eventStoreDbConnectionStringFromEnv, openEventStoreDbEventStore } from './eventstoredb-event-store.js';

// The real client and this adapter's real calls, against the in-process stand-in (not EventStoreDB).
describe('eventstoredb on the in-process stand-in', () => {
  const standIn = new EventStoreDbStandIn();

  beforeAll(async () => {
    await standIn.start();
    console.log(`eventstoredb (stand-in): ran against the EventStoreDB stand-in at ${standIn.connectionString}`);
  });

  afterAll(async () => {
    await standIn.stop();
  });

  describeEventStoreContract('eventstoredb (stand-in)', async () => ({
    open: async (options) => openEventStoreDbEventStore({ connectionString: standIn.connectionString, serializer: options?.serializer }),
    dispose: async () => undefined,
  }));
});

// What the adapter does when the server goes away and comes back (issue 6): the stand-in is
// stopped and started again on the same port and journal, as a restarted EventStoreDB node.
describe('eventstoredb adapter when the server is unreachable (stand-in)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esdb-adapter-outage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const newEvent = (n: number) => ({ id: randomUUID(), type: 'OutageTested', data: { n } });
  const until = async (condition: () => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('fails appends and reads fast with StoreUnavailableError, resubscribes from the last handled event, and works again once the server is back', async () => {
    const journal = join(dir, 'restart.journal');
    let standIn = new EventStoreDbStandIn({ journal });
    const port = await standIn.start();
    const store = openEventStoreDbEventStore({ connectionString: standIn.connectionString, resubscribeDelayMs: { initial: 50, max: 200 } });
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe({ streamPrefix: 'outage-' }, (event) => void seen.push(event));
    try {
      await subscription.caughtUp;
      await store.append('outage-a', [newEvent(1), newEvent(2)], 'no_stream');
      await until(() => seen.length === 2);

      await standIn.stop();
      const started = Date.now();
      const failedAppend = await store.append('outage-a', [newEvent(3)], 1).catch((error: unknown) => error);
      const failedRead = await store.readStream('outage-a').catch((error: unknown) => error);
      expect(failedAppend).toBeInstanceOf(StoreUnavailableError);
      expect(failedAppend).toMatchObject({
        retryable: true,
        reason: 'unreachable',
        message: 'The event store is unavailable (unreachable): could not append events.',
      });
      expect(failedRead).toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(1000);

      standIn = new EventStoreDbStandIn({ journal, port });
      await standIn.start();
      await store.append('outage-a', [newEvent(3)], 1);
      await store.append('outage-b', [newEvent(4)], 'no_stream');
      await until(() => seen.length === 4);
      expect(seen.map((e) => [e.stream, e.revision, (e.data as { n: number }).n])).toEqual([
        ['outage-a', 0, 1],
        ['outage-a', 1, 2],
        ['outage-a', 2, 3],
        ['outage-b', 0, 4],
      ]);
      expect((await store.readStream('outage-a')).map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3]);
    } finally {
      await subscription.stop();
      await store.close();
      await standIn.stop();
    }
  });

  it('keeps trying to subscribe while the server is down and catches up once it is there', async () => {
    const journal = join(dir, 'late.journal');
    const seed = new EventStoreDbStandIn({ journal });
    const port = await seed.start();
    const writer = openEventStoreDbEventStore({ connectionString: seed.connectionString });
    await writer.append('late-a', [newEvent(1)], 'no_stream');
    await writer.close();
    await seed.stop();

    const store = openEventStoreDbEventStore({ connectionString: `esdb://127.0.0.1:${port}?tls=false`, resubscribeDelayMs: { initial: 50, max: 200 } });
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe({ streamPrefix: 'late-' }, (event) => void seen.push(event));
    const standIn = new EventStoreDbStandIn({ journal, port });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen).toEqual([]);
      await standIn.start();
      await subscription.caughtUp;
      expect(seen.map((e) => e.stream)).toEqual(['late-a']);
    } finally {
      await subscription.stop();
      await store.close();
      await standIn.stop();
    }
  });

  it('gives up on a server that accepts connections but never answers, after the deadline', async () => {
    const sockets = new Set<Socket>();
    const blackHole: Server = createServer((socket) => void sockets.add(socket));
    const port = await new Promise<number>((resolve) => blackHole.listen(0, '127.0.0.1', () => resolve((blackHole.address() as { port: number }).port)));
    const store = openEventStoreDbEventStore({ connectionString: `esdb://127.0.0.1:${port}?tls=false`, deadlineMs: 300 });
    try {
      const started = Date.now();
      const error = await store.append('never', [newEvent(1)], 'no_stream').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ reason: 'no answer within 300 ms' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      for (const socket of sockets) socket.destroy();
      blackHole.close();
      void store.close();
    }
  });

  it('appends to a new stream, and to a stream it has just read to the end, without reading the tail first', async () => {
    const standIn = new EventStoreDbStandIn();
    await standIn.start();
    const store = openEventStoreDbEventStore({ connectionString: standIn.connectionString });
    const stream = `tail-${randomUUID()}`;
    try {
      await store.append(stream, [newEvent(1)], 'no_stream');
      const afterCreate = standIn.streamReads;
      const reader = openEventStoreDbEventStore({ connectionString: standIn.connectionString });
      await reader.append(stream, [newEvent(2)], 0);
      await reader.close();

      const read = await store.readStream(stream);
      await store.append(stream, [newEvent(3)], read.at(-1)!.revision);

      expect(afterCreate).toBe(0);
      expect(standIn.streamReads - afterCreate).toBe(2);
      expect(await store.verify(stream)).toEqual({ ok: true, streamsChecked: 1, eventsChecked: 3 });
      await expect(store.append(stream, [newEvent(4)], 'no_stream')).rejects.toThrow(/expected/i);
    } finally {
      await store.close();
      await standIn.stop();
    }
  });

  it('connects with a KurrentDB connection string (kurrentdb://) as with esdb://', async () => {
    const standIn = new EventStoreDbStandIn();
    await standIn.start();
    const store = openEventStoreDbEventStore({ connectionString: standIn.connectionString.replace(/^esdb:/, 'kurrentdb:') });
    try {
      const stream = `kurrentdb-${randomUUID()}`;
      await store.append(stream, [newEvent(1)], 'no_stream');
      expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0]);
    } finally {
      await store.close();
      await standIn.stop();
    }
  });

  it('reads the head of the log: the position of its last record', async () => {
    const standIn = new EventStoreDbStandIn();
    await standIn.start();
    const store = openEventStoreDbEventStore({ connectionString: standIn.connectionString });
    try {
      const system = await store.headPosition();
      const written = await store.append(`head-${randomUUID()}`, [newEvent(1), newEvent(2)], 'no_stream');
      expect(await store.headPosition()).toBe(written.position);
      expect(written.position).toBeGreaterThan(system);
    } finally {
      await store.close();
      await standIn.stop();
    }
  });
});

const realServer = eventStoreDbConnectionStringFromEnv();
if (realServer) {
  console.log(`eventstoredb (real server): ran against ${realServer.replace(/\/\/[^@/]*@/, '//***@')}`);
  describeEventStoreContract('eventstoredb (real server)', async () => ({
    open: async (options) => openEventStoreDbEventStore({ connectionString: realServer, serializer: options?.serializer }),
    dispose: async () => undefined,
  }));
} else {
  describe('eventstoredb (real server)', () => {
    it('is skipped: EVENTSTORE_CONNECTION_STRING is not set', () => {
      console.log('eventstoredb (real server): skipped, EVENTSTORE_CONNECTION_STRING not set');
    });
  });
}

// What EventStoreDB holds, read with the bare client: the canonical key order, as SQLite stores it.
describe('eventstoredb adapter: stored texts', () => {
  const standIn = new EventStoreDbStandIn();
  beforeAll(() => standIn.start());
  afterAll(() => standIn.stop());

  it('writes data and metadata in canonical key order, whatever order the caller built them in', async () => {
    const store = openEventStoreDbEventStore({ connectionString: standIn.connectionString });
    const client = esdb.EventStoreDBClient.connectionString(standIn.connectionString);
    try {
      const data = { zeta: 1, alpha: { second: [{ y: 1, x: 2 }], first: 'é' }, Mid: null };
      await store.append('canonical-order', [{ id: randomUUID(), type: 'OrderTested', data, metadata: { correlationId: 'c', actor: 'a' } }], 'no_stream');
      const [stored] = await client.readStream('canonical-order', { maxCount: 1 }).toArray();
      const keysAtEveryDepth = (value: unknown): string[][] =>
        Array.isArray(value)
          ? value.flatMap(keysAtEveryDepth)
          : value !== null && typeof value === 'object'
            ? [Object.keys(value), ...Object.values(value).flatMap(keysAtEveryDepth)]
            : [];
      expect(keysAtEveryDepth(stored!.event!.data)).toEqual([
        ['Mid', 'alpha', 'zeta'],
        ['first', 'second'],
        ['x', 'y'],
      ]);
      expect(Object.keys(stored!.event!.metadata as object)).toEqual(['actor', 'correlationId', 'hash', 'prevHash', 'schemaVersion']);
      expect(stored!.event!.data).toEqual(data);
    } finally {
      await client.dispose();
      await store.close();
    }
  });
});
