import type { EventStore, RecordedEvent, Subscription } from '#event-store';
import { checkpointOf } from './checkpoint-events.js';
import { leafHashOfEvent } from './leaf-event.js';
import { nativeHasher } from './native-hasher.js';
import type { AppendedLeaf, SqliteTreeStore } from './sqlite-tree-store.js';

/** Most events one transaction holds: bounds memory and the write lock's hold during catch-up. */
const MAX_BATCH = 2000;

/**
 * Keeps the audit tree current from the store's whole log, in commit order: every event is a
 * leaf. Leaves commit in batches with the tree's applied position, so a restart resumes exactly
 * where the last commit ended. Framework-free: the API, policyctl and the benchmarks run it alike.
 * (Subscribes through the store port; it moves onto the shared projection processor when that lands.)
 */
export class AuditTreeProjection {
  private subscription?: Subscription;
  private batch: AppendedLeaf[] = [];
  private batchPosition = 0;
  private flushScheduled = false;
  private live = false;
  private failure: unknown;
  private waiters: { position: number; resolve: () => void }[] = [];

  constructor(
    private readonly store: EventStore,
    readonly tree: SqliteTreeStore,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** The commit position of the last event in the tree. */
  get appliedPosition(): number {
    return this.tree.position;
  }

  /** Subscribes after the tree's position; resolves once the log's head at that time is in the tree. */
  async start(): Promise<void> {
    this.subscription ??= this.store.subscribe({ fromPosition: this.tree.position || undefined, storedText: true }, (event) => this.apply(event));
    this.subscription.closed.catch((error: unknown) => this.onError(error));
    await this.subscription.caughtUp;
    this.flush();
    this.live = true;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.flush();
    this.subscription = undefined;
  }

  /** Resolves true once the event at `position` is in the tree, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.tree.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => resolve(true) };
      this.waiters.push(waiter);
      setTimeout(() => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) {
          this.waiters.splice(at, 1);
          resolve(false);
        }
      }, timeoutMs).unref();
    });
  }

  private apply(event: RecordedEvent): void {
    if (this.failure !== undefined) throw this.failure;
    this.batch.push({ position: event.position, hash: leafHashOfEvent(nativeHasher, event), checkpoint: checkpointOf(event) });
    this.batchPosition = event.position;
    if (this.batch.length >= MAX_BATCH) this.flush();
    else if (this.live && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flushLater());
    }
  }

  /** A failed write stops the tree (nothing after it is applied; a restart resumes from the last commit). */
  private flushLater(): void {
    this.flushScheduled = false;
    try {
      this.flush();
    } catch (error) {
      this.failure = error;
      this.onError(error);
      void this.subscription?.stop();
    }
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const leaves = this.batch;
    this.batch = [];
    this.tree.append(leaves, this.batchPosition);
    const applied = this.tree.position;
    const ready = this.waiters.filter((w) => w.position <= applied);
    if (ready.length > 0) {
      this.waiters = this.waiters.filter((w) => w.position > applied);
      for (const waiter of ready) waiter.resolve();
    }
  }
}
