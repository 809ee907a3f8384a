/** A subscription's `caughtUp` promise, settled once: resolved at the head, or rejected if it never gets there. */
export class CaughtUpSignal {
  readonly promise: Promise<void>;
  private settled = false;
  private resolvePromise!: () => void;
  private rejectPromise!: (error: unknown) => void;

  constructor() {
    this.promise = new Promise<void>((resolve, reject) => {
      this.resolvePromise = resolve;
      this.rejectPromise = reject;
    });
    // Callers may never await it (a subscription stopped early); that must not be an unhandled rejection.
    this.promise.catch(() => undefined);
  }

  resolve(): void {
    if (this.settled) return;
    this.settled = true;
    this.resolvePromise();
  }

  reject(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.rejectPromise(error);
  }
}

/**
 * A subscription's `closed` promise over its delivery loop: resolves when the loop returns (after
 * `stop()`), rejects with the loop's error (a failing handler or store), and in both cases fails
 * `caughtUp` if the loop ended before reaching the head. `onFailure` runs before either settles.
 */
export function closedAfter(loop: Promise<void>, caughtUp: CaughtUpSignal, onFailure: () => void): Promise<void> {
  const closed = loop.then(
    () => caughtUp.reject(new Error('The subscription was stopped before it caught up.')),
    (error: unknown) => {
      onFailure();
      caughtUp.reject(error);
      throw error;
    },
  );
  closed.catch(() => undefined);
  return closed;
}
