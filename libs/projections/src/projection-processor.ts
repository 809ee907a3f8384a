import type Database from 'better-sqlite3';
import { eventFilterMatcher, type EventStore, type RecordedEvent, type Subscription } from '#event-store';
import type { Projection } from './projection.js';
import { ProjectionRunner, type ProjectionLog } from './projection-runner.js';

export type { ProjectionLog } from './projection-runner.js';

export interface ProjectionProcessorOptions {
  /** Where read-model projections keep their tables and checkpoints. */
  readModel?: Database.Database;
  /** Most events one read-model transaction holds while catching up: bounds memory and the write lock's hold. */
  batchSize?: number;
  log?: ProjectionLog;
}

/** A projection as the node's feed sees it: which events concern it, and how far it has applied them. */
export interface ProjectionFollower {
  readonly name: string;
  matches(event: RecordedEvent): boolean;
  appliedPosition(): number;
}

const SILENT: ProjectionLog = { log: () => undefined, error: () => undefined };

/**
 * Runs a node's projections (projection.ts says how to declare one) and reports how far each has
 * applied the log. Each in-memory projection reads its own events from the start; the read models
 * share one read of the log, from the earliest of their checkpoints, each skipping what it has
 * (a fresh node's catch-up then reads every event once, not once per read model).
 */
export class ProjectionProcessor {
  private readonly runners: ProjectionRunner[];
  private readonly log: ProjectionLog;
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly store: EventStore,
    projections: readonly Projection[],
    options: ProjectionProcessorOptions = {},
  ) {
    const names = new Set<string>();
    for (const { name } of projections) {
      if (names.has(name)) throw new Error(`two projections are named ${name}`);
      names.add(name);
    }
    const batchSize = options.batchSize ?? 1000;
    this.log = options.log ?? SILENT;
    this.runners = projections.map((projection) => new ProjectionRunner(projection, options.readModel, batchSize, this.log));
  }

  /** Resolves once every projection has applied every event stored when it started. */
  async start(): Promise<void> {
    const readModels = this.runners.filter((runner) => runner.projection.storage === 'read-model');
    for (const runner of this.runners) {
      if (runner.projection.storage === 'memory') await this.read([runner]);
      else if (runner === readModels[0]) await this.read(readModels);
    }
  }

  /** Stops every read and commits what was received (graceful shutdown). */
  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.map((subscription) => subscription.stop()));
    for (const runner of this.runners) runner.stop();
  }

  /**
   * One subscription for these runners: from the earliest checkpoint among them, with their own
   * filter when alone (else every event, each runner keeping its own), and stored texts only if
   * every one of them asks for them (their data is then parsed at each read).
   */
  private async read(runners: ProjectionRunner[]): Promise<void> {
    const checkpoints = runners.map((runner) => runner.prepare());
    const fromPosition = checkpoints.includes(undefined) ? undefined : Math.min(...(checkpoints as number[]));
    const filter = runners.length === 1 ? runners[0]!.projection.events : {};
    const storedText = runners.every((runner) => runner.projection.storedText === true);
    const subscription = this.store.subscribe({ ...filter, fromPosition, storedText }, (event) => {
      for (const runner of runners) runner.receive(event);
    });
    this.subscriptions.push(subscription);
    const names = runners.map((runner) => runner.projection.name).join(', ');
    subscription.closed.catch((error: unknown) => this.log.error(`the read of projection(s) ${names} stopped: ${String(error)}`));
    await subscription.caughtUp;
    for (const runner of runners) runner.caughtUp();
    const failed = runners.find((runner) => runner.failed !== undefined);
    if (failed) throw failed.failed;
  }
  appliedPosition(name: string): number {
    const runner = this.runners.find((candidate) => candidate.projection.name === name);
    if (!runner) throw new Error(`no projection named ${name}`);
    return runner.appliedPosition;
  }

  followers(): ProjectionFollower[] {
    return this.runners.map((runner) => ({
      name: runner.projection.name,
      matches: eventFilterMatcher(runner.projection.events),
      appliedPosition: () => runner.appliedPosition,
    }));
  }

  /** The stream prefixes the projections follow between them; undefined when one follows every stream. */
  streamPrefixes(): string[] | undefined {
    const prefixes = new Set<string>();
    for (const { projection } of this.runners) {
      const own = projection.events.streamPrefix;
      if (own === undefined || own.length === 0) return undefined;
      for (const prefix of Array.isArray(own) ? own : [own]) prefixes.add(prefix);
    }
    return [...prefixes];
  }
}
