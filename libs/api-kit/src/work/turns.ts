import { WorkCancelledError } from './work-cancelled.error.js';

/**
 * Expensive steps (an evaluation of many items, a page of audit verification, a slice of a large
 * answer) wait here for their turn: one step per turn of the event loop, first come first
 * served, so that between any two of them Node polls for I/O and answers `/health/live` and
 * other callers. All waiting steps of all requests share one queue: releasing them all at once
 * (one setImmediate each) would run them back to back in the same check phase.
 */
const waiting: Array<() => void> = [];
let releaseScheduled = false;

function releaseOne(): void {
  releaseScheduled = false;
  const next = waiting.shift();
  // Scheduled before the step runs: the next release comes after the next poll for I/O.
  if (waiting.length > 0) scheduleRelease();
  next?.();
}

function scheduleRelease(): void {
  if (releaseScheduled) return;
  releaseScheduled = true;
  setImmediate(releaseOne);
}

/**
 * Resolves when it is this step's turn; rejects with the signal's reason (WorkCancelledError)
 * when the work was cancelled before or while it waited.
 */
export function nextTurn(signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancellationOf(signal));
  return new Promise<void>((resolve, reject) => {
    waiting.push(() => {
      if (signal?.aborted) reject(cancellationOf(signal));
      else resolve();
    });
    scheduleRelease();
  });
}

/** Throws the reason the work was cancelled, if it was. */
export function throwIfCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancellationOf(signal);
}

function cancellationOf(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new WorkCancelledError('CLIENT_GONE');
}
