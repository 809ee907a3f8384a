/** How failed deliveries are retried (WEBHOOK_RETRY_* settings). */
export interface RetrySchedule {
  /** The wait after the first failed attempt; each later failure doubles it. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
  /** A delivery is retried for this long after it fell due, then dead-lettered (24 h by default). */
  windowMs: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { baseMs: 30_000, maxMs: 3_600_000, windowMs: 24 * 3_600_000 };

/** What to do after a failed attempt: try again at `retryAt`, or give up. */
export type AfterFailure = { retryAt: number } | { deadLetter: true };

/**
 * Exponential backoff with jitter: after the n-th failed attempt of a delivery's window, wait
 * min(maxMs, baseMs * 2^(n-1)) scaled by a random factor in [0.5, 1) ("equal jitter": receivers
 * that failed together are not all retried at once, and no wait collapses to nothing). When the
 * next attempt would fall after the window's end, the delivery is dead-lettered instead.
 * `random` is in [0, 1) (Math.random in production; fixed in tests); times are epoch milliseconds.
 */
export function afterFailure(schedule: RetrySchedule, failedAttempts: number, windowStart: number, now: number, random: number): AfterFailure {
  const exponent = Math.min(failedAttempts - 1, 52);
  const wait = Math.min(schedule.maxMs, schedule.baseMs * 2 ** exponent);
  const retryAt = now + Math.ceil(wait * (0.5 + random / 2));
  return retryAt > windowStart + schedule.windowMs ? { deadLetter: true } : { retryAt };
}
