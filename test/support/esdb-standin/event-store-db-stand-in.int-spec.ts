import esdb from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbStandIn } from './event-store-db-stand-in.js';

const { EventStoreDBClient, jsonEvent, WrongExpectedVersionError, NO_STREAM, ANY } = esdb;

// Holds the stand-in to the wire behaviour the real client expects of EventStoreDB.
describe('EventStoreDB stand-in (not EventStoreDB), through the real client', () => {
  const standIn = new EventStoreDbStandIn();
  let client: InstanceType<typeof EventStoreDBClient>;

  beforeAll(async () => {
    await standIn.start();
    client = EventStoreDBClient.connectionString(standIn.connectionString);
  });

  afterAll(async () => {
    await client.dispose();
    await standIn.stop();
  });

  const event = () => jsonEvent({ id: randomUUID(), type: 'Tested', data: { at: Date.now() } });

  it('advertises BatchAppend, so the client appends through it', async () => {
    const supports = (client as unknown as { supports: (method: { path: string }) => Promise<boolean> }).supports;
    await expect(supports({ path: '/event_store.client.streams.Streams/BatchAppend' })).resolves.toBe(true);
  });

  it('returns WrongExpectedVersion on BatchAppend as the client expects it', async () => {
    const stream = `batch-${randomUUID()}`;
    await client.appendToStream(stream, [event(), event()], { expectedRevision: NO_STREAM });
    const error = await client.appendToStream(stream, [event()], { expectedRevision: 0n }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: stream, expectedVersion: 0n, actualVersion: 1n });
  });

  it('returns WrongExpectedVersion on Append (used when a call carries credentials)', async () => {
    const stream = `append-${randomUUID()}`;
    const credentials = { username: 'admin', password: 'changeit' };
    await client.appendToStream(stream, [event()], { expectedRevision: NO_STREAM, credentials });
    const error = await client.appendToStream(stream, [event()], { expectedRevision: NO_STREAM, credentials }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: stream, expectedVersion: 'no_stream', actualVersion: 0n });
  });

  it('answers an idempotent re-append with the original revision and position', async () => {
    const stream = `idem-${randomUUID()}`;
    const batch = [event(), event()];
    const first = await client.appendToStream(stream, batch, { expectedRevision: NO_STREAM });
    const again = await client.appendToStream(stream, batch, { expectedRevision: NO_STREAM });
    const anyAgain = await client.appendToStream(stream, batch, { expectedRevision: ANY });
    expect(again).toEqual(first);
    expect(anyAgain).toEqual(first);
  });

  it('reports the position of the last event of an append, as $all reads it', async () => {
    const stream = `pos-${randomUUID()}`;
    const result = await client.appendToStream(stream, [event(), event(), event()], { expectedRevision: NO_STREAM });
    const read = [];
    for await (const resolved of client.readStream(stream)) read.push(resolved.event!);
    expect(result.position?.commit).toBe(read[2]!.position!.commit);
    expect(read[1]!.position!.commit).toBeGreaterThan(read[0]!.position!.commit);
  });

  it('keeps a system event at the start of $all, as EventStoreDB does', async () => {
    const first = [];
    for await (const resolved of client.readAll({ maxCount: 1 })) first.push(resolved.event!);
    expect(first[0]!.type.startsWith('$')).toBe(true);
  });
});

describe('EventStoreDB stand-in (not EventStoreDB) with a journal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esdb-standin-journal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const read = async (standIn: EventStoreDbStandIn) => {
    const client = EventStoreDBClient.connectionString(standIn.connectionString);
    try {
      const events: Array<{ stream: string; revision: bigint; position: bigint; data: unknown; created: Date }> = [];
      for await (const resolved of client.readAll({ maxCount: 1000 })) {
        const e = resolved.event!;
        if (!e.streamId.startsWith('$'))
          events.push({ stream: e.streamId, revision: e.revision, position: e.position!.commit, data: e.data, created: e.created });
      }
      return events;
    } finally {
      await client.dispose();
    }
  };

  it('keeps every acknowledged write across a restart on the same journal: streams, revisions, positions, data', async () => {
    const journal = join(dir, 'restart.journal');
    const first = new EventStoreDbStandIn({ journal });
    await first.start();
    const client = EventStoreDBClient.connectionString(first.connectionString);
    await client.appendToStream('kept-a', [jsonEvent({ type: 'Kept', data: { n: 1 } }), jsonEvent({ type: 'Kept', data: { n: 2 } })], {
      expectedRevision: NO_STREAM,
    });
    await client.appendToStream('kept-b', [jsonEvent({ type: 'Kept', data: { n: 3, text: 'ünïcode' } })], { expectedRevision: ANY });
    await client.dispose();
    const before = await read(first);
    await first.stop();

    const second = new EventStoreDbStandIn({ journal });
    await second.start();
    try {
      expect(await read(second)).toEqual(before);
      const again = EventStoreDBClient.connectionString(second.connectionString);
      const next = await again.appendToStream('kept-a', [jsonEvent({ type: 'Kept', data: { n: 4 } })], { expectedRevision: 1n });
      await again.dispose();
      expect(next.nextExpectedRevision).toBe(2n);
      expect(next.position!.commit).toBeGreaterThan(before.at(-1)!.position);
    } finally {
      await second.stop();
    }
  });

  it('drops a record cut short by a crash mid-write, and appends after the last whole one', async () => {
    const journal = join(dir, 'torn.journal');
    const first = new EventStoreDbStandIn({ journal });
    await first.start();
    const client = EventStoreDBClient.connectionString(first.connectionString);
    await client.appendToStream('torn', [jsonEvent({ type: 'Kept', data: { n: 1 } })], { expectedRevision: NO_STREAM });
    await client.dispose();
    await first.stop();
    appendFileSync(journal, Buffer.from([40, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 123, 34]));

    const second = new EventStoreDbStandIn({ journal });
    await second.start();
    try {
      const again = EventStoreDBClient.connectionString(second.connectionString);
      await again.appendToStream('torn', [jsonEvent({ type: 'Kept', data: { n: 2 } })], { expectedRevision: 0n });
      await again.dispose();
    } finally {
      await second.stop();
    }
    const third = new EventStoreDbStandIn({ journal });
    await third.start();
    try {
      expect((await read(third)).map((e) => [e.stream, e.revision, e.data])).toEqual([
        ['torn', 0n, { n: 1 }],
        ['torn', 1n, { n: 2 }],
      ]);
    } finally {
      await third.stop();
    }
  });

  it('seeds events without round trips, as appends would commit them', async () => {
    const standIn = new EventStoreDbStandIn();
    await standIn.start();
    try {
      const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));
      standIn.seed([
        { stream: 'seeded-1', id: randomUUID(), type: 'Seeded', data: bytes({ n: 1 }), metadata: bytes({}) },
        { stream: 'seeded-1', id: randomUUID(), type: 'Seeded', data: bytes({ n: 2 }), metadata: bytes({}) },
      ]);
      expect((await read(standIn)).map((e) => [e.stream, e.revision, e.data])).toEqual([
        ['seeded-1', 0n, { n: 1 }],
        ['seeded-1', 1n, { n: 2 }],
      ]);
    } finally {
      await standIn.stop();
    }
  });
});

// The failures a test can ask of the stand-in, as the real client sees them on the wire.
describe('EventStoreDB stand-in failure modes, through the real client', () => {
  const { DeadlineExceededError, UnavailableError } = esdb;
  const event = () => jsonEvent({ id: randomUUID(), type: 'Tested', data: { at: Date.now() } });
  const revisions = async (client: InstanceType<typeof EventStoreDBClient>, stream: string) => {
    const out: bigint[] = [];
    for await (const resolved of client.readStream(stream)) out.push(resolved.event!.revision);
    return out;
  };

  it('answers a faulty append with Timeout (DeadlineExceededError) at the write deadline, applied or not as told', async () => {
    const standIn = new EventStoreDbStandIn({ writeTimeoutMs: 150 });
    await standIn.start();
    const client = EventStoreDBClient.connectionString(standIn.connectionString);
    try {
      standIn.failNextAppend('applied', 'applied-then-timeout');
      standIn.failNextAppend('not-applied', 'not-applied-timeout');
      const started = Date.now();
      const [applied, notApplied] = await Promise.all([
        client.appendToStream('applied', [event()], { expectedRevision: NO_STREAM }).catch((e: unknown) => e),
        client.appendToStream('not-applied', [event()], { expectedRevision: NO_STREAM }).catch((e: unknown) => e),
      ]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(applied).toBeInstanceOf(DeadlineExceededError);
      expect(notApplied).toBeInstanceOf(DeadlineExceededError);
      expect(await revisions(client, 'applied')).toEqual([0n]);
      await expect(revisions(client, 'not-applied')).rejects.toThrow(/not found/i);
      // One append only: the next one is served normally.
      await expect(client.appendToStream('not-applied', [event()], { expectedRevision: NO_STREAM })).resolves.toMatchObject({ success: true });
    } finally {
      await client.dispose();
      await standIn.stop();
    }
  });

  it("takes the client's own deadline when it is shorter than the server's write timeout", async () => {
    const standIn = new EventStoreDbStandIn({ writeTimeoutMs: 10_000 });
    await standIn.start();
    const client = EventStoreDBClient.connectionString(standIn.connectionString);
    try {
      standIn.failNextAppend('short', 'applied-after-timeout', { lateMs: 100 });
      const started = Date.now();
      const error = await client.appendToStream('short', [event()], { expectedRevision: NO_STREAM, deadline: 200 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect(Date.now() - started).toBeLessThan(2000);
      await expect(revisions(client, 'short')).rejects.toThrow(/not found/i);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await revisions(client, 'short')).toEqual([0n]);
    } finally {
      await client.dispose();
      await standIn.stop();
    }
  });

  it('drops calls in flight with UNAVAILABLE when it crashes, and serves the same log on the same port when started again', async () => {
    const standIn = new EventStoreDbStandIn({ crashable: true });
    const port = await standIn.start();
    const client = EventStoreDBClient.connectionString(standIn.connectionString);
    try {
      await client.appendToStream('kept', [event()], { expectedRevision: NO_STREAM });
      standIn.failNextAppend('in-flight', 'no-answer');
      const inFlight = client.appendToStream('in-flight', [event()], { expectedRevision: NO_STREAM }).catch((e: unknown) => e);
      const subscription = client.subscribeToAll({ fromPosition: esdb.END });
      const subscriptionError = new Promise((resolve) => subscription.on('error', resolve));
      await new Promise((resolve) => subscription.once('confirmation', resolve));
      await new Promise((resolve) => setTimeout(resolve, 50));

      await standIn.crash();
      expect(await inFlight).toBeInstanceOf(UnavailableError);
      expect(await subscriptionError).toBeInstanceOf(UnavailableError);

      expect(await standIn.start()).toBe(port);
      expect(await revisions(client, 'kept')).toEqual([0n]);
      await expect(revisions(client, 'in-flight')).rejects.toThrow(/not found/i);
    } finally {
      await client.dispose();
      await standIn.stop();
    }
  });
});

// Filtered $all subscriptions get checkpoints at EventStoreDB's cadence (checkpoints.ts).
describe('EventStoreDB stand-in checkpoints on filtered subscriptions, through the real client', () => {
  const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));
  const seedOthers = (standIn: EventStoreDbStandIn, count: number) =>
    standIn.seed(
      Array.from({ length: count }, (_, n) => ({ stream: `other-${n % 3}`, id: randomUUID(), type: 'Other', data: bytes({ n }), metadata: bytes({}) })),
    );
  const positions = async (client: InstanceType<typeof EventStoreDBClient>) => {
    const out: bigint[] = [];
    for await (const resolved of client.readAll()) out.push(resolved.event!.position!.commit);
    return out;
  };

  it.each([
    { options: {}, every: 32 },
    { options: { checkpointInterval: 2, maxSearchWindow: 10 }, every: 20 },
  ])('sends one every checkpointInterval x maxSearchWindow records considered, on going live, and live ($every)', async ({ options, every }) => {
    const standIn = new EventStoreDbStandIn();
    await standIn.start();
    const client = EventStoreDBClient.connectionString(standIn.connectionString);
    try {
      seedOthers(standIn, 99); // with the system record: 100 records in the log
      const log = await positions(client);
      const checkpoints: bigint[] = [];
      let caughtUpAfter = -1;
      const subscription = client.subscribeToAll({
        fromPosition: esdb.START,
        filter: esdb.streamNameFilter({ prefixes: ['nothing-matches'], ...options, checkpointReached: (_s, p) => void checkpoints.push(p.commit) }),
      });
      subscription.on('data', () => undefined);
      await new Promise<void>((resolve) => subscription.once('caughtUp', () => resolve()));
      caughtUpAfter = checkpoints.length;
      const catchUp = Array.from({ length: Math.floor(log.length / every) }, (_, k) => log[(k + 1) * every - 1]!);
      // No checkpoint twice: EventStoreDB drops one at the position it last sent (here when the interval ends at the head).
      expect(checkpoints).toEqual([...new Set([...catchUp, log.at(-1)!])]);

      seedOthers(standIn, every + 5);
      const live = await positions(client);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(checkpoints.slice(caughtUpAfter)).toEqual([live[log.length + every - 1]!]);
      await subscription.unsubscribe();
    } finally {
      await client.dispose();
      await standIn.stop();
    }
  });
});
