import type Database from 'better-sqlite3';
import type { EventFilter, RecordedEvent } from '#event-store';

/**
 * A read model, declared as a value and run by the ProjectionProcessor, which owns everything
 * else: the subscription, batching, the checkpoint, lag and shutdown (docs/adr/018-declared-projections.md).
 *
 * To add one, write one file that builds the value, and list it where the processor is made
 * (apps/api/src/projections/projections.module.ts):
 *
 *   export function auditTree(): ReadModelProjection {
 *     return {
 *       name: 'audit-tree',
 *       version: 1,                           // with the name, the checkpoint's key: bump it when the tables change
 *       events: {},                           // which events (a stream prefix and/or event types; {} is every event)
 *       storage: 'read-model',
 *       prepare(db, fresh) { ... },           // create its tables; `fresh`: no checkpoint, drop what an older shape left
 *       apply(events, db) { ... },            // a batch in commit order, inside the transaction that saves the checkpoint
 *       committed(events) { ... },            // optional: after the commit (notify subscribers); must not throw
 *       caughtUp(db) { ... },                 // optional: once caught up, before the node serves (e.g. indexes a fresh build left for the end)
 *     };
 *   }
 *
 * `apply` is synchronous and only writes; anything it throws rolls the batch back, stops this
 * projection (readiness then reports its lag) and leaves the checkpoint before the batch, so a
 * restart resumes without a gap or a duplicate.
 */
export type Projection = ReadModelProjection | MemoryProjection;

interface ProjectionBase {
  /** Unique among the node's projections; the name readiness reports. */
  readonly name: string;
  /** The events it follows. */
  readonly events: EventFilter;
  /**
   * Ask for each event's stored texts (SubscribeOptions.storedText): where the store keeps them
   * (SQLite), `data` is parsed at each read and kept by nobody, so `apply` reads it once per event.
   */
  readonly storedText?: boolean;
  /** After the batch is applied (and committed): tell live subscribers. Must not throw. */
  committed?(events: readonly RecordedEvent[]): void;
}

/** Kept in the node's read-model database, checkpointed in the same transaction as every batch. */
export interface ReadModelProjection extends ProjectionBase {
  readonly storage: 'read-model';
  /** The shape of its tables: the checkpoint is kept under `name@version`, so a new version rebuilds them from the start. */
  readonly version: number;
  /** Creates its tables. `fresh`: no checkpoint for this version, so whatever tables it finds are from an older shape. */
  prepare(db: Database.Database, fresh: boolean): void;
  /** Applies events in commit order; runs inside the transaction that saves the checkpoint. */
  apply(events: readonly RecordedEvent[], db: Database.Database): void;
  /** After a batch's transaction rolled back: drop whatever `apply` kept in memory beyond the tables (the batch is applied again). */
  rolledBack?(): void;
  /**
   * Once its read has applied every event stored at the start, before the node serves: finish
   * what a fresh build left for the end (indexes built once rather than row by row). Runs in a
   * transaction of its own; a start that stopped before it got here resumes from its checkpoint,
   * with `fresh` false, so `prepare` must then build the same (idempotently).
   */
  caughtUp?(db: Database.Database): void;
}

/**
 * Held in memory, folded from the start of the log at every start (it has no checkpoint). A batch
 * that fails half-way cannot be rolled back here: the projection stops, and the node with it is
 * no longer ready.
 */
export interface MemoryProjection extends ProjectionBase {
  readonly storage: 'memory';
  apply(events: readonly RecordedEvent[]): void;
}

/** The key a read model's checkpoint is kept under. */
export function checkpointName(projection: ReadModelProjection): string {
  return `${projection.name}@${projection.version}`;
}
