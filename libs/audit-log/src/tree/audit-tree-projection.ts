import type { EventStore, RecordedEvent } from '#event-store';
import { ProjectionProcessor, type ProjectionLog, type ReadModelProjection } from '#projections';
import { checkpointOf } from './checkpoint-events.js';
import { leafHashOfEvent } from './leaf-event.js';
import { nativeHasher } from './native-hasher.js';
import type { AppendedLeaf, SqliteTreeStore } from './sqlite-tree-store.js';

/** Most events one transaction holds while catching up: bounds memory and the write lock's hold. */
const MAX_BATCH = 2000;

/**
 * Keeps the audit tree current from the store's whole log, in commit order: every event is a
 * leaf. It is a read model declared for the projection processor (`declaration`): a node runs it
 * on its own processor with its other read models, so a fresh node reads the log once for all of
 * them; `start` runs it on a processor of its own (policyctl, tests). Leaves commit with the
 * processor's checkpoint in one transaction, so a restart resumes exactly where the last commit ended.
 */
export class AuditTreeProjection {
  readonly declaration: ReadModelProjection;
  private processor?: ProjectionProcessor;
  private waiters: { position: number; resolve: () => void }[] = [];

  constructor(
    private readonly store: EventStore,
    readonly tree: SqliteTreeStore,
    private readonly log?: ProjectionLog,
  ) {
    this.declaration = {
      name: 'audit-tree',
      version: 1,
      events: {},
      storage: 'read-model',
      // The leaf is hashed from the stored canonical texts; only a checkpoint event's data is parsed.
      storedText: true,
      // The tables are the tree store's own (made with it) and keep their shape. Without a checkpoint
      // yet they may hold a tree built before it ran on the processor: apply skips the leaves it has.
      prepare: () => undefined,
      apply: (events) => this.apply(events),
      committed: () => this.wake(),
      rolledBack: () => this.tree.reload(),
    };
  }

  /** The commit position of the last event in the tree. */
  get appliedPosition(): number {
    return this.tree.position;
  }

  /** Runs the tree on a processor of its own; resolves once the log's head at that time is in the tree. */
  async start(): Promise<void> {
    this.processor ??= new ProjectionProcessor(this.store, [this.declaration], { readModel: this.tree.database, batchSize: MAX_BATCH, log: this.log });
    await this.processor.start();
  }

  async stop(): Promise<void> {
    await this.processor?.stop();
    this.processor = undefined;
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

  private apply(events: readonly RecordedEvent[]): void {
    const leaves: AppendedLeaf[] = [];
    for (const event of events) {
      if (event.position <= this.tree.position) continue;
      leaves.push({ position: event.position, hash: leafHashOfEvent(nativeHasher, event), checkpoint: checkpointOf(event) });
    }
    if (leaves.length > 0) this.tree.append(leaves, leaves[leaves.length - 1]!.position);
  }

  private wake(): void {
    const applied = this.tree.position;
    const ready = this.waiters.filter((w) => w.position <= applied);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > applied);
    for (const waiter of ready) waiter.resolve();
  }
}
