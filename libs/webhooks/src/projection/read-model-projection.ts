import type Database from 'better-sqlite3';
import type { EventFilter, EventStore, RecordedEvent, Subscription } from '#event-store';

/**
 * A read model declared as a value, in the shape of the shared projection processor's
 * `ReadModelProjection` (ARCHITECTURE.md, "Projections are declared values"). Until that
 * processor is on main, ReadModelRunner below runs it; moving over means listing the value with
 * the processor's projections and deleting the runner.
 */
export interface ReadModelProjection {
  readonly name: string;
  /** With the name, the checkpoint's key: a new version rebuilds the tables from the start. */
  readonly version: number;
  readonly events: EventFilter;
  readonly storage: 'read-model';
  /** Deliver stored texts (SubscribeOptions.storedText): each event's data is parsed only if read, at each read. */
  readonly storedText?: boolean;
  /** Creates its tables. `fresh`: no checkpoint for this version, so whatever tables it finds are from an older shape. */
  prepare(db: Database.Database, fresh: boolean): void;
  /** Applies events in commit order; runs inside the transaction that saves the checkpoint. */
  apply(events: readonly RecordedEvent[], db: Database.Database): void;
  /** After the batch is committed. Must not throw. */
  committed?(events: readonly RecordedEvent[]): void;
}

const BATCH = 1000;

/**
 * Runs one ReadModelProjection over the store's subscription: batches committed with the
 * checkpoint in one transaction (a crash never applies an event twice or skips one), at most one
 * batch of events in memory, a failed batch stops the projection rather than the process.
 */
export class ReadModelRunner {
  private subscription?: Subscription;
  private applied = 0;
  private batch: RecordedEvent[] = [];
  private flushScheduled = false;
  private live = false;
  private failure: unknown;
  private waiters: { position: number; resolve: (applied: boolean) => void }[] = [];

  constructor(
    private readonly store: EventStore,
    readonly projection: ReadModelProjection,
    private readonly db: Database.Database,
    private readonly onError: (message: string) => void,
  ) {}

  get appliedPosition(): number {
    return this.applied;
  }

  /** Resolves once every event stored when it started is applied. `skipTo`: a position before which nothing concerns it. */
  async start(skipTo?: (checkpoint: number | undefined) => Promise<number | undefined>): Promise<void> {
    this.db.exec('CREATE TABLE IF NOT EXISTS projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
    const key = `${this.projection.name}@${this.projection.version}`;
    const stored = (this.db.prepare('SELECT position FROM projection_checkpoints WHERE name = ?').get(key) as { position: number } | undefined)?.position;
    this.projection.prepare(this.db, stored === undefined);
    const from = skipTo ? await skipTo(stored) : stored;
    this.applied = from ?? 0;
    const save = this.db.prepare(
      'INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
    );
    this.commit = (events) => {
      this.db
        .transaction(() => {
          this.projection.apply(events, this.db);
          save.run(key, events.at(-1)!.position);
        })
        .immediate();
    };
    this.subscription = this.store.subscribe({ ...this.projection.events, fromPosition: from, storedText: this.projection.storedText }, (event) =>
      this.receive(event),
    );
    this.subscription.closed.catch((error: unknown) => this.onError(`projection ${this.projection.name} stopped: ${String(error)}`));
    await this.subscription.caughtUp;
    this.flush();
    this.live = true;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    if (this.failure === undefined) this.flushOrStop();
    for (const waiter of this.waiters.splice(0)) waiter.resolve(false);
  }

  /** Resolves true once `position` is applied, false after `timeoutMs` or when the projection stops. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.applied >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  private commit: (events: RecordedEvent[]) => void = () => {
    throw new Error('not started');
  };

  private receive(event: RecordedEvent): void {
    if (this.failure !== undefined) throw this.failure;
    this.batch.push(event);
    if (this.batch.length >= BATCH) this.flush();
    else if (this.live && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flushOrStop();
      });
    }
  }

  private flushOrStop(): void {
    try {
      this.flush();
    } catch (error) {
      this.failure = error;
      this.onError(`projection ${this.projection.name} stopped at position ${this.applied}: ${String(error)}`);
      void this.subscription?.stop();
    }
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const events = this.batch;
    this.batch = [];
    this.commit(events);
    this.applied = events.at(-1)!.position;
    this.projection.committed?.(events);
    const ready = this.waiters.filter((waiter) => waiter.position <= this.applied);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => waiter.position > this.applied);
    for (const waiter of ready) waiter.resolve(true);
  }
}
