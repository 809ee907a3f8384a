import { afterFailure, DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from './retry-schedule.js';

const HOUR = 3_600_000;

/** Every attempt time of a delivery that never succeeds, from its window's start, with a fixed jitter draw. */
function attemptsUntilDeadLetter(schedule: RetrySchedule, random: number): { attempts: number[]; deadLetteredAfter: number } {
  const attempts = [0];
  for (;;) {
    const next = afterFailure(schedule, attempts.length, 0, attempts.at(-1)!, random);
    if ('deadLetter' in next) return { attempts, deadLetteredAfter: attempts.at(-1)! };
    attempts.push(next.retryAt);
  }
}

describe('the retry schedule of a failing webhook delivery', () => {
  it('given the defaults, when every attempt fails, then it doubles from 30 s up to 1 h between attempts', () => {
    const { attempts } = attemptsUntilDeadLetter(DEFAULT_RETRY_SCHEDULE, 0.999_999);
    const waits = attempts.slice(1).map((at, i) => at - attempts[i]!);

    expect(waits.slice(0, 8).map((ms) => Math.round(ms / 1000))).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(HOUR);
  });

  it.each([
    ['the longest waits', 0.999_999],
    ['the shortest waits', 0],
    ['middling waits', 0.5],
  ])('given %s, it keeps retrying for 24 h and no longer, then dead-letters', (_, random) => {
    const { attempts, deadLetteredAfter } = attemptsUntilDeadLetter(DEFAULT_RETRY_SCHEDULE, random);

    expect(attempts.at(-1)!).toBeLessThanOrEqual(24 * HOUR);
    // The next wait would have crossed the 24 h line: the last attempt is within one longest wait of it.
    expect(24 * HOUR - deadLetteredAfter).toBeLessThan(HOUR);
    expect(attempts.length).toBeGreaterThan(20);
    expect(attempts.length).toBeLessThan(60);
  });

  it('jitters each wait to between half and all of its exponential value', () => {
    const shortest = afterFailure(DEFAULT_RETRY_SCHEDULE, 3, 0, 1_000, 0);
    const longest = afterFailure(DEFAULT_RETRY_SCHEDULE, 3, 0, 1_000, 0.999_999);

    expect(shortest).toEqual({ retryAt: 1_000 + 60_000 });
    expect(longest).toEqual({ retryAt: 1_000 + 120_000 });
  });

  it('counts the window from when the delivery fell due: one that reaches its turn late gets one attempt, then is dead-lettered', () => {
    const windowStart = 0;
    const now = 25 * HOUR;

    expect(afterFailure(DEFAULT_RETRY_SCHEDULE, 1, windowStart, now, 0)).toEqual({ deadLetter: true });
  });

  it('holds with shortened settings as the end-to-end tests use them', () => {
    const quick = { baseMs: 50, maxMs: 200, windowMs: 2_000 };
    const { attempts } = attemptsUntilDeadLetter(quick, 0.999_999);

    expect(attempts.slice(0, 4)).toEqual([0, 50, 150, 350]);
    expect(attempts.at(-1)!).toBeLessThanOrEqual(2_000);
  });

  it('never overflows on a very long series of failures', () => {
    expect(afterFailure(DEFAULT_RETRY_SCHEDULE, 10_000, 0, 0, 0.5)).toEqual({ retryAt: 2_700_000 });
  });
});
