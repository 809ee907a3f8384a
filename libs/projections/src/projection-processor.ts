import type Database from 'better-sqlite3';
import { eventFilterMatcher, type EventStore, type RecordedEvent } from '#event-store';
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
 * Runs a node's projections (projection.ts says how to declare one): starts each in the order
 * given, each from its own checkpoint, and reports how far each has applied the log.
 */
export class ProjectionProcessor {
  private readonly runners: ProjectionRunner[];

  constructor(store: EventStore, projections: readonly Projection[], options: ProjectionProcessorOptions = {}) {
    const names = new Set<string>();
    for (const { name } of projections) {
      if (names.has(name)) throw new Error(`two projections are named ${name}`);
      names.add(name);
    }
    const batchSize = options.batchSize ?? 1000;
    this.runners = projections.map((projection) => new ProjectionRunner(store, projection, options.readModel, batchSize, options.log ?? SILENT));
  }

  /** Resolves once every projection has applied every event stored when it started. */
  async start(): Promise<void> {
    for (const runner of this.runners) await runner.start();
  }

  /** Stops every subscription and commits what was received (graceful shutdown). */
  async stop(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
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
