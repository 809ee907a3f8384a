import type { EventHandler, RecordedEvent, Subscription } from '../event-store.port.js';
import { CaughtUpSignal, closedAfter } from './subscription-lifecycle.js';

/**
 * Wakes waiting subscriptions when the log changes. A version counter closes the race between
 * "read found nothing new" and "start waiting": a waiter that saw an older version returns at once.
 */
export class ChangeNotifier {
  private version = 0;
  private waiters = new Set<() => void>();

  get current(): number {
    return this.version;
  }

  notify(): void {
    this.version++;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /**
   * Resolves once the version differs from `seen` (at once if it already does), or when the
   * returned `cancel` is called (a stopping subscription).
   */
  waitForChange(seen: number): { promise: Promise<void>; cancel: () => void } {
    if (this.version !== seen) return { promise: Promise.resolve(), cancel: () => undefined };
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => {
      wake = (): void => {
        this.waiters.delete(wake);
        resolve();
      };
    });
    this.waiters.add(wake);
    return { promise, cancel: wake };
  }

  get waiting(): number {
    return this.waiters.size;
  }
}

export interface LogPage {
  events: RecordedEvent[];
  /** Every position up to this one has been examined (matching or not). */
  scannedTo: number;
  /** True when the page reached the head of the log as of the read. */
  atHead: boolean;
}

export interface CatchUpSource {
  notifier: ChangeNotifier;
  /** Matching events strictly after `after`, at most `max`, in position order. */
  readPage(after: number, max: number): Promise<LogPage> | LogPage;
  /** Called when a subscription starts and ends waiting at the head (for cross-process polling). */
  onLiveWait?(delta: 1 | -1): void;
}

const PAGE_SIZE = 500;

/**
 * A catch-up subscription over a store that can read its log by position: reads pages after the
 * last handled position until the head, then waits for a change notification and reads again.
 * Because every read starts after the last handled position, the switch from catch-up to live
 * has neither a gap nor a duplicate.
 */
export function startCatchUpSubscription(source: CatchUpSource, fromPosition: number | undefined, handler: EventHandler): Subscription {
  let stopped = false;
  let cancelWait: (() => void) | undefined;
  const caughtUp = new CaughtUpSignal();
  let checkpoint = fromPosition ?? 0;
  let searched = fromPosition !== undefined;

  const run = async (): Promise<void> => {
    while (!stopped) {
      const seen = source.notifier.current;
      const page = await source.readPage(checkpoint, PAGE_SIZE);
      for (const event of page.events) {
        if (stopped) return;
        await handler(event);
        checkpoint = event.position;
        searched = true;
      }
      if (stopped) return;
      checkpoint = Math.max(checkpoint, page.scannedTo);
      searched = true;
      if (page.atHead) {
        caughtUp.resolve();
        source.onLiveWait?.(1);
        const wait = source.notifier.waitForChange(seen);
        cancelWait = wait.cancel;
        try {
          await wait.promise;
        } finally {
          cancelWait = undefined;
          source.onLiveWait?.(-1);
        }
      }
    }
  };

  const closed = closedAfter(run(), caughtUp, () => {
    stopped = true;
  });

  return {
    caughtUp: caughtUp.promise,
    get position() {
      return searched ? checkpoint : undefined;
    },
    closed,
    async stop(): Promise<void> {
      stopped = true;
      cancelWait?.();
      await closed.catch(() => undefined);
    },
  };
}
