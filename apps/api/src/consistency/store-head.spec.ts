import { randomUUID } from 'node:crypto';
import { openMemoryEventStore, type EventStore } from '#event-store';
import { storeHead } from './store-head.js';

describe('storeHead', () => {
  const append = (store: EventStore, stream: string, count: number) =>
    store.append(
      stream,
      Array.from({ length: count }, (_, i) => ({ id: randomUUID(), type: 'Counted', data: { i } })),
      'any',
    );

  it('is 0 for an empty log', async () => {
    expect(await storeHead(openMemoryEventStore())).toBe(0);
  });

  it.each([1, 2, 3, 7, 64, 65, 1000])('finds the last position of a log of %i events by searching it', async (count) => {
    const store = openMemoryEventStore();
    const { position } = await append(store, 'counted-a', count);

    expect(await storeHead(store)).toBe(position);
  });

  it("asks a store that knows its head (EventStoreDB's adapter) directly", async () => {
    const store = Object.assign(openMemoryEventStore(), { headPosition: async () => 123_456 });

    expect(await storeHead(store)).toBe(123_456);
  });
});
