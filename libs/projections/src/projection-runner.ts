import type Database from 'better-sqlite3';
import type { EventStore, RecordedEvent, Subscription } from '#event-store';
import { createCheckpointTable, readCheckpoint, saveCheckpoint } from './checkpoints.js';
import { checkpointName, type Projection } from './projection.js';

/** Where the processor reports what its projections do (a Nest Logger fits). */
export interface ProjectionLog {
  log(message: string): void;
  error(message: string): void;
}

/**
 * Runs one projection: its own subscription from its checkpoint (a read model) or from the start
 * (in memory), events gathered into batches. While catching up a batch is committed every
 * `batchSize` events (a commit per event was most of a fresh node's work over a long log); once
 * live, whatever arrived before the event loop's next turn is one batch.
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private applied = 0;
  private batch: RecordedEvent[] = [];
  private flushScheduled = false;
  private live = false;
  private failure: unknown;

  constructor(
    private readonly store: EventStore,
    readonly projection: Projection,
    private readonly readModel: Database.Database | undefined,
    private readonly batchSize: number,
    private readonly log: ProjectionLog,
  ) {}

  get appliedPosition(): number {
    return this.applied;
  }

  /** Resolves once every event stored when it started is applied; rejects if one could not be. */
  async start(): Promise<void> {
    const checkpoint = this.prepare();
    this.applied = checkpoint ?? 0;
    this.subscription ??= this.store.subscribe({ ...this.projection.events, fromPosition: checkpoint }, (event) => this.receive(event));
    this.subscription.closed.catch((error: unknown) => this.log.error(`projection ${this.projection.name} stopped: ${String(error)}`));
    await this.subscription.caughtUp;
    this.flush();
    this.live = true;
    this.log.log(`projection ${this.projection.name} ready at position ${this.applied} (resumed from ${checkpoint ?? 'the start'})`);
  }

  /** Stops following the store and commits what it had received. */
  async stop(): Promise<void> {
    await this.subscription?.stop();
    if (this.failure === undefined) this.flushOrStop();
  }

  private prepare(): number | undefined {
    const { projection } = this;
    if (projection.storage === 'memory') return undefined;
    const db = this.readModel;
    if (!db) throw new Error(`projection ${projection.name} keeps a read model, but the processor was given no read-model database`);
    createCheckpointTable(db);
    const checkpoint = readCheckpoint(db, checkpointName(projection));
    projection.prepare(db, checkpoint === undefined);
    return checkpoint;
  }

  private receive(event: RecordedEvent): void {
    if (this.failure !== undefined) throw this.failure;
    this.batch.push(event);
    if (this.batch.length >= this.batchSize) this.flush();
    else if (this.live && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flushOrStop();
      });
    }
  }

  /**
   * A failed batch stops the projection (readiness then reports its lag) rather than the process;
   * nothing after it is applied, so a restart resumes from the checkpoint without a gap.
   */
  private flushOrStop(): void {
    try {
      this.flush();
    } catch (error) {
      this.failure = error;
      this.log.error(`projection ${this.projection.name} stopped at position ${this.applied}: ${String(error)}`);
      void this.subscription?.stop();
    }
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const events = this.batch;
    this.batch = [];
    const last = events[events.length - 1]!.position;
    const { projection } = this;
    if (projection.storage === 'memory') projection.apply(events);
    else {
      const db = this.readModel!;
      db.transaction(() => {
        projection.apply(events, db);
        saveCheckpoint(db, checkpointName(projection), last);
      }).immediate();
    }
    this.applied = last;
    projection.committed?.(events);
  }
}
