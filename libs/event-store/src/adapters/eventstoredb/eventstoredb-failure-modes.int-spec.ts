import { randomUUID } from 'node:crypto';
import type { AppendFault } from '../../../../../test/support/esdb-standin/append-faults.js';
import { EventStoreDbStandIn } from '../../../../../test/support/esdb-standin/event-store-db-stand-in.js';
import { StoreUnavailableError } from '../../event-store.errors.js';
import type { AppendResult, ExpectedRevision, NewEvent, RecordedEvent } from '../../event-store.port.js';
import { openEventStoreDbEventStore, type EventStoreDbEventStore } from './eventstoredb-event-store.js';

// The adapter on the stand-in's failure modes (issue 13): a write timeout that may or may not have
// written, and a server that goes away with calls in flight. The stand-in is not EventStoreDB; it
// answers as EventStoreDB documents these failures (test/support/esdb-standin/append-faults.ts).
describe('eventstoredb adapter on write timeouts and a crashing server (stand-in)', () => {
  let standIn: EventStoreDbStandIn;
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    standIn = new EventStoreDbStandIn({ writeTimeoutMs: 150, crashable: true });
    await standIn.start();
    store = openEventStoreDbEventStore({ connectionString: standIn.connectionString, deadlineMs: 2000, resubscribeDelayMs: { initial: 50, max: 200 } });
  });

  afterEach(async () => {
    await store.close();
    await standIn.stop();
  });

  const newEvent = (n: number): NewEvent => ({ id: randomUUID(), type: 'FaultTested', data: { n } });
  const numbers = async (stream: string) => (await store.readStream(stream)).map((e) => (e.data as { n: number }).n);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const until = async (condition: () => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
      await sleep(20);
    }
  };

  /** What a caller does with a retryable failure: the same batch (the same event ids) again, until it is acknowledged. */
  const appendWithRetry = async (stream: string, batch: NewEvent[], expected: ExpectedRevision): Promise<{ result: AppendResult; failures: number }> => {
    for (let failures = 0; failures < 10; failures++) {
      try {
        return { result: await store.append(stream, batch, expected), failures };
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
      }
    }
    throw new Error('still failing after 10 attempts');
  };

  describe.each<AppendFault>(['applied-then-timeout', 'not-applied-timeout', 'applied-after-timeout'])('an append answered Timeout (%s)', (fault) => {
    it.each<ExpectedRevision>([0, 'any', 'stream_exists'])(
      'fails retryably, and its retry with expected revision %p writes it exactly once',
      async (expected) => {
        const stream = `timeout-${randomUUID()}`;
        await store.append(stream, [newEvent(1)], 'no_stream');
        standIn.failNextAppend(stream, fault, { lateMs: 100 });
        const batch = [newEvent(2), newEvent(3)];

        const error = await store.append(stream, batch, expected).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect(error).toMatchObject({ retryable: true, reason: 'no answer in time' });
        expect(await numbers(stream)).toEqual(fault === 'applied-then-timeout' ? [1, 2, 3] : [1]);

        // The retry is recognised as the same write when it landed (not a conflict), or writes it when it did not.
        const retried = await store.append(stream, batch, expected);
        if (fault === 'applied-after-timeout') await sleep(250); // the late commit arrives after the retry
        const stored = await store.readStream(stream);
        expect(stored.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3]);
        expect(retried).toEqual({ nextRevision: 2, position: stored[2]!.position });
        expect(await store.verify(stream)).toEqual({ ok: true, streamsChecked: 1, eventsChecked: 3 });
      },
    );
  });

  it('creates a stream exactly once when its first append (no_stream) timed out after writing', async () => {
    const stream = `first-${randomUUID()}`;
    standIn.failNextAppend(stream, 'applied-then-timeout');
    const batch = [newEvent(1)];
    await expect(store.append(stream, batch, 'no_stream')).rejects.toBeInstanceOf(StoreUnavailableError);
    const retried = await store.append(stream, batch, 'no_stream');
    expect(retried.nextRevision).toBe(0);
    expect(await numbers(stream)).toEqual([1]);
  });

  it('still reports a real conflict after a timeout: another writer got there first', async () => {
    const stream = `conflict-${randomUUID()}`;
    await store.append(stream, [newEvent(1)], 'no_stream');
    standIn.failNextAppend(stream, 'not-applied-timeout');
    const batch = [newEvent(2)];
    await expect(store.append(stream, batch, 0)).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.append(stream, [newEvent(99)], 0);
    await expect(store.append(stream, batch, 0)).rejects.toMatchObject({ code: 'CONFLICT', actualRevision: 1 });
    expect(await numbers(stream)).toEqual([1, 99]);
  });

  it("gives up at the adapter's deadline on an append that never answers, and its retry writes it once", async () => {
    const quick = openEventStoreDbEventStore({ connectionString: standIn.connectionString, deadlineMs: 300 });
    const stream = `silent-${randomUUID()}`;
    try {
      standIn.failNextAppend(stream, 'no-answer');
      const batch = [newEvent(1)];
      const error = await quick.append(stream, batch, 'no_stream').catch((e: unknown) => e);
      expect(error).toMatchObject({ retryable: true, reason: 'no answer within 300 ms' });
      await quick.append(stream, batch, 'no_stream');
      expect(await numbers(stream)).toEqual([1]);
    } finally {
      await quick.close();
    }
  });

  it('loses no acknowledged write and duplicates none over many appends with random timeouts', async () => {
    const stream = `many-${randomUUID()}`;
    const faults: AppendFault[] = ['applied-then-timeout', 'not-applied-timeout', 'applied-after-timeout'];
    let seed = 13;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let failures = 0;
    for (let n = 0; n < 30; n++) {
      if (random() < 0.5) standIn.failNextAppend(stream, faults[Math.floor(random() * faults.length)]!, { lateMs: 20 });
      const expected: ExpectedRevision = n === 0 ? 'no_stream' : random() < 0.5 ? n - 1 : 'any';
      failures += (await appendWithRetry(stream, [newEvent(n)], expected)).failures;
    }
    await sleep(100); // late commits, if any are still due, land now
    expect(failures).toBeGreaterThan(5);
    expect(await numbers(stream)).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(await store.verify(stream)).toEqual({ ok: true, streamsChecked: 1, eventsChecked: 30 });
  });

  it('fails calls in flight when the server crashes, keeps every acknowledged write, and the subscription resumes with no gap and no duplicate', async () => {
    const prefix = `crash-${randomUUID()}-`;
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe({ streamPrefix: prefix }, (event) => void seen.push(event));
    try {
      await subscription.caughtUp;
      const acknowledged = [await store.append(`${prefix}a`, [newEvent(1), newEvent(2)], 'no_stream')];
      await until(() => seen.length === 2);

      standIn.failNextAppend(`${prefix}a`, 'no-answer');
      const inFlightBatch = [newEvent(3)];
      const inFlight = store.append(`${prefix}a`, inFlightBatch, 1).catch((e: unknown) => e);
      await sleep(50);
      await standIn.crash();
      expect(await inFlight).toMatchObject({ retryable: true, reason: 'unreachable' });
      // Right after a dropped connection the client asks the server's features again, and passes that call's raw gRPC error on.
      await expect(store.append(`${prefix}b`, [newEvent(4)], 'no_stream')).rejects.toMatchObject({ retryable: true, reason: 'unreachable' });

      await standIn.start();
      acknowledged.push((await appendWithRetry(`${prefix}a`, inFlightBatch, 1)).result);
      acknowledged.push((await appendWithRetry(`${prefix}b`, [newEvent(4)], 'no_stream')).result);
      await until(() => seen.length >= 4);
      await sleep(100);

      expect(seen.map((e) => [e.stream.slice(prefix.length), e.revision, (e.data as { n: number }).n])).toEqual([
        ['a', 0, 1],
        ['a', 1, 2],
        ['a', 2, 3],
        ['b', 0, 4],
      ]);
      const positions = seen.map((e) => e.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      for (const result of acknowledged) expect(positions).toContain(result.position);
    } finally {
      await subscription.stop();
    }
  });
});
