import { nextTurn } from './turns.js';
import { WorkCancelledError } from './work-cancelled.error.js';

/** Counts turns of the event loop (one setImmediate per turn) while `during` runs. */
async function countingTurns<T>(during: (turn: () => number) => Promise<T>): Promise<T> {
  let turn = 0;
  let counting = true;
  const tick = () => {
    turn++;
    if (counting) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return await during(() => turn);
  } finally {
    counting = false;
  }
}

describe('nextTurn', () => {
  it('releases waiting steps first come first served, one per turn of the event loop', async () => {
    const released = await countingTurns(async (turn) => {
      const seen: Array<[number, number]> = [];
      await Promise.all([0, 1, 2, 3].map((step) => nextTurn().then(() => seen.push([step, turn()]))));
      return seen;
    });

    expect(released.map(([step]) => step)).toEqual([0, 1, 2, 3]);
    const turns = released.map(([, turn]) => turn);
    expect(new Set(turns).size).toBe(4);
    expect([...turns].sort((a, b) => a - b)).toEqual(turns);
  });

  it('refuses with the reason when the work was cancelled before it asked', async () => {
    const controller = new AbortController();
    controller.abort(new WorkCancelledError('CLIENT_GONE'));

    await expect(nextTurn(controller.signal)).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED', reason: 'CLIENT_GONE' });
  });

  it('refuses with the reason when the work is cancelled while it waits, and lets the others through', async () => {
    const controller = new AbortController();
    const cancelled = nextTurn(controller.signal);
    const other = nextTurn();
    controller.abort(new WorkCancelledError('DEADLINE', { deadlineMs: 100, elapsedMs: 101 }));

    await expect(cancelled).rejects.toMatchObject({
      message: 'The request ran past its deadline of 100 ms and was stopped; ask for less at once',
      details: { reason: 'DEADLINE', deadlineMs: 100, elapsedMs: 101 },
    });
    await expect(other).resolves.toBeUndefined();
  });
});
