import { ConcurrencyError } from '../event-store.errors.js';
import type { EventStore } from '../event-store.port.js';
import { openMemoryEventStore } from '../adapters/memory/memory-event-store.js';
import { handleCommand, readStream, type CommandDecider } from './handle-command.js';

/**
 * Two capped counters, one per stream (as a ledger is one stream): a draw goes to the stream it
 * names and may not take that stream past the cap. The cap holds within a stream because the
 * append expects the revision the total was read at.
 */
type Drawn = { type: 'Drawn'; data: { stream: string; amount: number; by: string } };
type Draw = { stream: string; amount: number; by: string };
type Totals = { totals: Record<string, number>; total: number; by: string[] };
const CAP = 10;
const capped: CommandDecider<Draw, Drawn, Totals> = {
  initialState: () => ({ totals: {}, total: 0, by: [] }),
  evolve: (state, { data }) => ({
    totals: { ...state.totals, [data.stream]: (state.totals[data.stream] ?? 0) + data.amount },
    total: state.total + data.amount,
    by: [...state.by, data.by],
  }),
  decide: (command, state) => {
    if (state.by.includes(command.by)) return [];
    const before = state.totals[command.stream] ?? 0;
    if (before + command.amount > CAP) throw new Error(`over the cap of ${command.stream}: ${before} + ${command.amount}`);
    return [{ type: 'Drawn', data: command }];
  },
};

let ids = 0;
const options = (retryOnConflict?: number) => ({
  streams: ['cap-a', 'cap-b'],
  streamOf: (event: Drawn) => event.data.stream,
  toNewEvent: (event: Drawn) => ({ id: `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`, type: event.type, data: event.data }),
  retryOnConflict,
});

describe('handleCommand', () => {
  let store: EventStore;
  beforeEach(() => (store = openMemoryEventStore()));
  afterEach(() => store.close());

  it('folds every stream, appends each decided event to its stream at the revision read, and reports where each stream ends', async () => {
    await store.append('cap-b', [options().toNewEvent({ type: 'Drawn', data: { stream: 'cap-b', amount: 3, by: 'x' } })], 'no_stream');
    const result = await handleCommand(store, capped, { stream: 'cap-a', amount: 4, by: 'y' }, options());
    expect(result.state).toEqual({ totals: { 'cap-a': 4, 'cap-b': 3 }, total: 7, by: ['x', 'y'] });
    expect(result.streams).toEqual({ 'cap-a': { revision: 0, position: 2 }, 'cap-b': { revision: 0, position: 1 } });
    expect(result.position).toBe(2);
    expect((await readStream<Drawn>(store, 'cap-a')).events).toEqual([{ type: 'Drawn', data: { stream: 'cap-a', amount: 4, by: 'y' } }]);
  });

  it('appends nothing when the decider decides nothing, and reports the last position read', async () => {
    await handleCommand(store, capped, { stream: 'cap-a', amount: 4, by: 'y' }, options());
    const again = await handleCommand(store, capped, { stream: 'cap-a', amount: 4, by: 'y' }, options());
    expect(again.events).toEqual([]);
    expect(again.position).toBe(1);
    expect(await store.readAll()).toHaveLength(1);
  });

  it('given commands racing on the same streams, retries the ones that lost on the new state: no stream passes its cap', async () => {
    const racing = [1, 2, 3, 4, 5, 6, 7, 8].map((n) =>
      handleCommand(store, capped, { stream: n % 2 ? 'cap-a' : 'cap-b', amount: 3, by: `r${n}` }, options(50)),
    );
    const settled = await Promise.allSettled(racing);
    expect(settled.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(6);
    expect(settled.filter((outcome) => outcome.status === 'rejected').map((outcome) => String((outcome as PromiseRejectedResult).reason).slice(0, 31))).toEqual(
      ['Error: over the cap of cap-a: 9', 'Error: over the cap of cap-b: 9'],
    );
    for (const stream of ['cap-a', 'cap-b']) {
      const total = (await readStream<Drawn>(store, stream)).events.reduce((sum, event) => sum + event.data.amount, 0);
      expect([stream, total]).toEqual([stream, 9]);
    }
  });

  it('without retries, a command that lost the race fails with the store conflict', async () => {
    const racing = await Promise.allSettled([1, 2].map((n) => handleCommand(store, capped, { stream: 'cap-a', amount: 1, by: `r${n}` }, options())));
    expect(racing.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((racing.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
  });

  it('builds the command from the folded state when given a function', async () => {
    await handleCommand(store, capped, { stream: 'cap-a', amount: 4, by: 'y' }, options());
    const result = await handleCommand(store, capped, (state) => ({ stream: 'cap-b', amount: CAP - state.total, by: 'rest' }), options());
    expect(result.state.total).toBe(CAP);
  });

  it('does not read a stream named new on the first attempt, and reads it on a retry when it turned out to exist', async () => {
    let reads = 0;
    const counting: EventStore = Object.create(store, {
      readStream: { value: (...args: Parameters<EventStore['readStream']>) => (reads++, store.readStream(...args)) },
    });
    await handleCommand(counting, capped, { stream: 'cap-a', amount: 1, by: 'x' }, { ...options(), newStreams: ['cap-a'] });
    expect(reads).toBe(1);
    reads = 0;
    const retried = await handleCommand(counting, capped, { stream: 'cap-a', amount: 1, by: 'y' }, { ...options(2), newStreams: ['cap-a'] });
    expect(reads).toBe(2);
    expect(retried.state.totals).toEqual({ 'cap-a': 2 });
  });

  it('on a retry, reads again only the stream whose append lost the race', async () => {
    const streamsRead: string[] = [];
    let raced = false;
    const racing: EventStore = Object.create(store, {
      readStream: { value: (stream: string) => (streamsRead.push(stream), store.readStream(stream)) },
      append: {
        value: async (...args: Parameters<EventStore['append']>) => {
          // Another command draws on cap-a between this one's read and its append, once.
          if (!raced && args[0] === 'cap-a') {
            raced = true;
            await handleCommand(store, capped, { stream: 'cap-a', amount: 2, by: 'other' }, options());
          }
          return store.append(...args);
        },
      },
    });
    const result = await handleCommand(racing, capped, { stream: 'cap-a', amount: 1, by: 'y' }, options(2));
    expect(streamsRead).toEqual(['cap-a', 'cap-b', 'cap-a']);
    expect(result.state.totals).toEqual({ 'cap-a': 3 });
  });

  it('refuses an event for a stream the command did not read', async () => {
    await expect(handleCommand(store, capped, { stream: 'elsewhere', amount: 1, by: 'y' }, options())).rejects.toThrow(/did not read/);
  });
});
