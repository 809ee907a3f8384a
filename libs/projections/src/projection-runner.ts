import type Database from 'better-sqlite3';
import type { EventStore, RecordedEvent, Subscription } from '#event-store';
import { isSqliteFull } from '#event-store/sqlite';
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
  /** Set while a batch waits for the read model's disk to have room again (see waitForSpace). */
  private spaceRetry?: NodeJS.Timeout;
  private waitingForSpace = false;

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
    this.subscription ??= this.store.subscribe({ ...this.projection.events, fromPosition: checkpoint, storedText: this.projection.storedText }, (event) =>
      this.receive(event),
    );
    this.subscription.closed.catch((error: unknown) => this.log.error(`projection ${this.projection.name} stopped: ${String(error)}`));
    await this.subscription.caughtUp;
    this.flushUnlessFull();
    this.live = true;
    this.log.log(`projection ${this.projection.name} ready at position ${this.applied} (resumed from ${checkpoint ?? 'the start'})`);
  }

  /** Stops following the store and commits what it had received. */
  async stop(): Promise<void> {
    clearTimeout(this.spaceRetry);
    this.spaceRetry = undefined;
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
    if (this.spaceRetry !== undefined) return;
    if (this.batch.length >= this.batchSize) this.flushUnlessFull();
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
    this.spaceRetry = undefined;
    try {
      this.flushUnlessFull();
    } catch (error) {
      this.failure = error;
      this.log.error(`projection ${this.projection.name} stopped at position ${this.applied}: ${String(error)}`);
      void this.subscription?.stop();
    }
  }

  /**
   * A full disk is no fault of the batch: it is kept and retried every SPACE_RETRY_MS (events
   * received meanwhile join it), so the read model catches up by itself once space returns.
   */
  private flushUnlessFull(): void {
    try {
      this.flush();
    } catch (error) {
      if (!isSqliteFull(error)) throw error;
      if (!this.waitingForSpace) this.log.error(`projection ${this.projection.name} waits for disk space at position ${this.applied}: ${String(error)}`);
      this.waitingForSpace = true;
      this.spaceRetry = setTimeout(() => this.flushOrStop(), SPACE_RETRY_MS);
      this.spaceRetry.unref();
      return;
    }
    if (this.waitingForSpace) this.log.log(`projection ${this.projection.name} has disk space again, at position ${this.applied}`);
    this.waitingForSpace = false;
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
      try {
        db.transaction(() => {
          projection.apply(events, db);
          saveCheckpoint(db, checkpointName(projection), last);
        }).immediate();
      } catch (error) {
        // Rolled back: the batch is applied again, whole, by the next flush (if there is one).
        this.batch = events.concat(this.batch);
        throw error;
      }
    }
    this.applied = last;
    projection.committed?.(events);
  }
}

const SPACE_RETRY_MS = 1000;
