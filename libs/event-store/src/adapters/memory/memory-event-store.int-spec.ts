import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '../../testing/event-store-contract.js';
import { MemoryEventLog, MemoryEventStore } from './memory-event-store.js';

describeEventStoreContract('memory', async () => {
  const log = new MemoryEventLog();
  return {
    open: async (options) => new MemoryEventStore({ log, serializer: options?.serializer }),
    dispose: async () => undefined,
  };
});

describe('MemoryEventStore', () => {
  it('keeps recordedAt non-decreasing in position order when the clock goes back', async () => {
    const clock = [Date.parse('2025-01-02T00:00:00Z'), Date.parse('2025-01-01T00:00:00Z'), Date.parse('2025-01-03T00:00:00Z')];
    const store = new MemoryEventStore({ now: () => clock.shift()! });
    for (let i = 0; i < 3; i++) await store.append('s', [{ id: randomUUID(), type: 'T', data: {} }], 'any');
    expect((await store.readAll()).map((e) => e.recordedAt)).toEqual(['2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z', '2025-01-03T00:00:00.000Z']);
  });
});
