import { randomUUID } from 'node:crypto';
import { EventStoreDbStandIn } from '../../../../../test/support/esdb-standin/event-store-db-stand-in.js';
import { StoreUnavailableError } from '../../event-store.errors.js';
import type { NewEvent, RecordedEvent } from '../../event-store.port.js';
import { openEventStoreDbEventStore, type EventStoreDbEventStore } from './eventstoredb-event-store.js';

// Filtered subscriptions and the server's checkpoints (issue 13): the stand-in (not EventStoreDB)
// sends them at EventStoreDB's cadence, every 32 records searched with the client's defaults.
describe('eventstoredb subscription position and server checkpoints (stand-in)', () => {
  let standIn: EventStoreDbStandIn;
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    standIn = new EventStoreDbStandIn({ crashable: true });
    await standIn.start();
    store = openEventStoreDbEventStore({ connectionString: standIn.connectionString, resubscribeDelayMs: { initial: 50, max: 200 } });
  });

  afterEach(async () => {
    await store.close();
    await standIn.stop();
  });

  const newEvent = (n: number): NewEvent => ({ id: randomUUID(), type: 'CheckpointTested', data: { n } });
  const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));
  /** Records no subscription below matches, written straight into the stand-in's log. */
  const unmatched = (count: number) =>
    standIn.seed(
      Array.from({ length: count }, (_, n) => ({ stream: `elsewhere-${n % 5}`, id: randomUUID(), type: 'Elsewhere', data: bytes({ n }), metadata: bytes({}) })),
    );
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const until = async (condition: () => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
      await sleep(20);
    }
  };

  it('moves its position past the last event handled as the server searches further, in catch-up and live', async () => {
    const prefix = `few-${randomUUID()}-`;
    const first = await store.append(`${prefix}a`, [newEvent(1)], 'no_stream');
    unmatched(100);
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe({ streamPrefix: prefix }, (event) => void seen.push(event));
    try {
      expect(subscription.position).toBeUndefined();
      await subscription.caughtUp;
      const head = await store.headPosition();
      expect(seen.map((e) => e.position)).toEqual([first.position]);
      expect(subscription.position).toBe(head);

      // Live: nothing matches, yet after 32 records searched the server says how far it got.
      unmatched(40);
      await until(() => (subscription.position ?? 0) > head);
      const live = await store.readAll({ fromPosition: head });
      expect(subscription.position).toBe(live[31]!.position);
      expect(seen).toHaveLength(1);
    } finally {
      await subscription.stop();
    }
  });

  it('counts a checkpoint only once the events sent before it are handled', async () => {
    const prefix = `busy-${randomUUID()}-`;
    for (let n = 0; n < 30; n++) {
      await store.append(`${prefix}${n}`, [newEvent(n)], 'no_stream');
      unmatched(7); // a checkpoint falls due every few matching events
    }
    const positionWhileHandling: Array<[number, number | undefined]> = [];
    const subscription = store.subscribe({ streamPrefix: prefix }, async (event) => {
      positionWhileHandling.push([event.position, subscription.position]);
      await sleep(5); // slow: the client buffers events and checkpoints meanwhile
    });
    try {
      await subscription.caughtUp;
      expect(positionWhileHandling).toHaveLength(30);
      // Never past an event not yet handled (a resubscription from there would skip it)...
      for (const [event, position] of positionWhileHandling) expect(position === undefined || position < event).toBe(true);
      // ...and not stuck at the last event handled either: checkpoints between events counted.
      const ahead = positionWhileHandling.filter(([, position], i) => i > 0 && position! > positionWhileHandling[i - 1]![0]);
      expect(ahead.length).toBeGreaterThan(0);
    } finally {
      await subscription.stop();
    }
  });

  it('resubscribes from the last position it reached after the server went away, with no gap and no duplicate', async () => {
    const prefix = `resume-${randomUUID()}-`;
    await store.append(`${prefix}a`, [newEvent(1)], 'no_stream');
    unmatched(100);
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe({ streamPrefix: prefix }, (event) => void seen.push(event));
    try {
      await subscription.caughtUp;
      const reached = subscription.position!;
      await standIn.crash();
      await standIn.start();
      // The first call after the restart may still meet the dropped connection (retryable): retry as a caller would.
      const batch = [newEvent(2)];
      for (let attempt = 0; ; attempt++) {
        const failed = await store.append(`${prefix}a`, batch, 0).then(
          () => false,
          (error: unknown) => (error instanceof StoreUnavailableError && attempt < 5 ? true : Promise.reject(error)),
        );
        if (!failed) break;
      }
      await until(() => seen.length === 2);
      await sleep(100);
      expect(seen.map((e) => (e.data as { n: number }).n)).toEqual([1, 2]);
      // The new subscription started at the checkpoint, not at the last event handled: it searched none of the 100 records again.
      expect(standIn.subscriptionStarts.at(-1)).toBe(reached);
    } finally {
      await subscription.stop();
    }
  });
});
