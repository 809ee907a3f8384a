import { WorkCancelledError } from '#api-kit';
import { decideInTurns, ITEMS_PER_TURN } from './decide-in-turns.js';

/** A run of `items` items that notes the turn of the event loop each slice was decided in. */
function runOf(items: number, turn: () => number) {
  const slices: Array<{ count: number; turn: number }> = [];
  let decided = 0;
  return {
    slices,
    get done() {
      return decided === items;
    },
    decide(count: number) {
      slices.push({ count: Math.min(count, items - decided), turn: turn() });
      decided = Math.min(items, decided + count);
    },
  };
}

/** A counter that a setImmediate chain advances once per turn of the event loop, until stopped. */
function turnCounter() {
  let turns = 0;
  let stopped = false;
  const tick = () => {
    turns++;
    if (!stopped) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => turns, stop: () => (stopped = true) };
}

describe('decideInTurns', () => {
  it('decides a large run ITEMS_PER_TURN items at a time, each slice in a later turn of the event loop', async () => {
    const counter = turnCounter();
    const run = runOf(2 * ITEMS_PER_TURN + 50, counter.now);
    await decideInTurns(run, undefined);
    counter.stop();

    expect(run.slices.map((s) => s.count)).toEqual([ITEMS_PER_TURN, ITEMS_PER_TURN, 50]);
    const turns = run.slices.map((s) => s.turn);
    expect(turns[1]).toBeGreaterThan(turns[0]!);
    expect(turns[2]).toBeGreaterThan(turns[1]!);
  });

  it('decides a run of ITEMS_PER_TURN items or fewer at once, without waiting for a turn', async () => {
    const run = runOf(ITEMS_PER_TURN, () => 0);
    const decided = decideInTurns(run, undefined);
    expect(run.done).toBe(true);
    await decided;
    expect(run.slices).toEqual([{ count: ITEMS_PER_TURN, turn: 0 }]);
  });

  it("stops between slices once the request's work is cancelled", async () => {
    const controller = new AbortController();
    const run = runOf(3 * ITEMS_PER_TURN, () => 0);
    const decided = decideInTurns(run, controller.signal);
    controller.abort(new WorkCancelledError('CLIENT_GONE'));

    await expect(decided).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED', reason: 'CLIENT_GONE' });
    expect(run.slices).toHaveLength(1);
  });
});
