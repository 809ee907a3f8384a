import type Database from 'better-sqlite3';
import { eventFilterMatcher, type RecordedEvent } from '#event-store';
import { isSqliteFull } from '#event-store/sqlite';
import { createCheckpointTable, readCheckpoint, saveCheckpoint } from './checkpoints.js';
import { checkpointName, type Projection } from './projection.js';

/** Where the processor reports what its projections do (a Nest Logger fits). */
export interface ProjectionLog {
  log(message: string): void;
  error(message: string): void;
}

/**
 * Applies one projection's events, given by the subscription the processor runs for it (its own,
 * or one shared with other read models), gathered into batches. While catching up a batch is
 * committed every `batchSize` events (a commit per event was most of a fresh node's work over a
 * long log); once live, whatever arrived before the event loop's next turn is one batch.
 */
export class ProjectionRunner {
  private applied = 0;
  /** Events at or below it are already applied (its checkpoint): a shared read may start earlier. */
  private after = 0;
  private readonly matches: (event: RecordedEvent) => boolean;
  private batch: RecordedEvent[] = [];
  private flushScheduled = false;
  private live = false;
  private failure: unknown;
  /** Set while a batch waits for the read model's disk to have room again (see waitForSpace). */
  private spaceRetry?: NodeJS.Timeout;
  private waitingForSpace = false;
  /** Caught up, and its own end of catch-up (ReadModelProjection.caughtUp) not yet committed. */
  private finishing = false;

  constructor(
    readonly projection: Projection,
    private readonly readModel: Database.Database | undefined,
    private readonly batchSize: number,
    private readonly log: ProjectionLog,
  ) {
    this.matches = eventFilterMatcher(projection.events);
  }

  get appliedPosition(): number {
    return this.applied;
  }

  /** Creates its tables; returns its checkpoint (undefined: from the start of the log). */
  prepare(): number | undefined {
    const { projection } = this;
    if (projection.storage === 'memory') return undefined;
    const db = this.readModel;
    if (!db) throw new Error(`projection ${projection.name} keeps a read model, but the processor was given no read-model database`);
    createCheckpointTable(db);
    const checkpoint = readCheckpoint(db, checkpointName(projection));
    projection.prepare(db, checkpoint === undefined);
    this.applied = this.after = checkpoint ?? 0;
    return checkpoint;
  }

  /** Never throws: a failed projection ignores what follows, and the others on its read go on. */
  receive(event: RecordedEvent): void {
    if (this.failure !== undefined || event.position <= this.after || !this.matches(event)) return;
    this.batch.push(event);
    if (this.spaceRetry !== undefined) return;
    if (this.batch.length >= this.batchSize) this.flushOrStop();
    else if (this.live && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flushOrStop();
      });
    }
  }

  /** What stopped it, if a batch failed. */
  get failed(): unknown {
    return this.failure;
  }

  /** Its read reached the head of the log as of the start: applies the rest, then applies live. */
  caughtUp(): void {
    if (this.failure !== undefined) return;
    this.finishing = this.projection.storage === 'read-model' && this.projection.caughtUp !== undefined;
    this.flushOrStop();
    this.live = true;
    this.log.log(`projection ${this.projection.name} ready at position ${this.applied} (resumed from ${this.after || 'the start'})`);
  }

  /** Commits what it had received (its read has stopped). */
  stop(): void {
    clearTimeout(this.spaceRetry);
    this.spaceRetry = undefined;
    if (this.failure === undefined) this.flushOrStop();
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
      this.batch = [];
      this.log.error(`projection ${this.projection.name} stopped at position ${this.applied}: ${String(error)}`);
    }
  }

  /**
   * A full disk is no fault of the batch: it is kept and retried every SPACE_RETRY_MS (events
   * received meanwhile join it), so the read model catches up by itself once space returns. So is
   * the end of catch-up, which follows the last batch of the catch-up.
   */
  private flushUnlessFull(): void {
    try {
      this.flush();
      if (this.finishing) this.finishCatchUp();
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

  /** In a transaction of its own; the next start's `prepare` does it again if this one never committed. */
  private finishCatchUp(): void {
    const { projection } = this;
    const db = this.readModel!;
    if (projection.storage === 'read-model') db.transaction(() => projection.caughtUp?.(db)).immediate();
    this.finishing = false;
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
        projection.rolledBack?.();
        this.batch = events.concat(this.batch);
        throw error;
      }
    }
    this.applied = last;
    projection.committed?.(events);
  }
}

const SPACE_RETRY_MS = 1000;
