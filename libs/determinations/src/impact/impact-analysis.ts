import type Database from 'better-sqlite3';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Outcome } from '#domain';
import { ImpactEvaluator, type ImpactBatchResult, type ImpactFlip, type ImpactSetup } from './impact-evaluation.js';
import { impactRanges, ImpactRows, type ImpactRange, type ImpactRow, type ImpactWindow, type ValidTimeInterval } from './impact-rows.js';

export type { ImpactWindow } from './impact-rows.js';

export interface ImpactOptions {
  /** Worker threads; 0 evaluates on the calling thread. Default: one per core when the window is large. */
  workers?: number;
  /** About how many determinations make one unit of work (and at most how many are read at once). */
  batchSize?: number;
  samples?: number;
  onProgress?: (evaluated: number, total: number) => void;
  /**
   * Node options of the worker threads; by default this process's. A process running the
   * TypeScript sources without a loader in its own options (Jest) passes one here.
   */
  workerExecArgv?: string[];
}

export interface ImpactSummary {
  evaluated: number;
  /** Of those, the determinations whose policy state the amendment leaves as it is (no evaluation needed). */
  unchanged: number;
  flipped: number;
  byTransition: Array<{ from: Outcome; to: Outcome; count: number }>;
  samples: ImpactFlip[];
  elapsedMs: number;
}

/** What a worker thread is started with: the policy, the window, and the read model's file if it has one. */
export interface ImpactWorkerData {
  setup: ImpactSetup;
  window: ImpactWindow;
  file?: string;
  batchSize: number;
}

/** A unit of work for a worker: a range it reads itself, or (an in-memory read model) the rows. */
export interface ImpactWorkerTask {
  task: number;
  range?: ImpactRange;
  rows?: ImpactRow[];
}

/** A worker's first message: where the amendment leaves the state as it is, which ranges leave out. */
export interface ImpactWorkerStart {
  unchanged: ValidTimeInterval[];
}

const IN_THREAD_LIMIT = 20_000;
const IN_FLIGHT_PER_WORKER = 2;

/**
 * Re-evaluates every recorded determination whose validAt is in the window, with and without the
 * staged changes: those recorded when it starts (positions up to the last then), never all rows
 * at once. Those valid where the amendment leaves the state as it is are counted from the
 * valid_at index, in the same read transaction that fixes the positions covered, and not read.
 * The positions are cut into ranges of about `batchSize` determinations, handed to worker threads
 * as they finish, at most two in flight per worker. Workers read their ranges from the read
 * model's file themselves, so the calling thread neither reads nor parses; they are started
 * first and boot while it counts. With an in-memory read model the calling thread reads and
 * sends the rows.
 */
export async function analyseImpact(db: Database.Database, setup: ImpactSetup, window: ImpactWindow, options: ImpactOptions = {}): Promise<ImpactSummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 2_000;
  const file = db.memory || db.name === '' ? undefined : db.name;
  const plan = db.transaction(() => {
    const extent = ImpactRows.extent(db, window);
    const workers = options.workers ?? (extent.count > IN_THREAD_LIMIT ? availableParallelism() : 0);
    // Started first: they boot while this thread finds the unchanged valid times (sent to them) and counts.
    const pool = workers > 0 ? startWorkers(workers, { setup, window, file, batchSize }, options.workerExecArgv) : [];
    try {
      const evaluator = new ImpactEvaluator(setup);
      const unchanged = evaluator.unchangedValidTimes();
      for (const worker of pool) worker.postMessage({ unchanged } satisfies ImpactWorkerStart);
      const rows = new ImpactRows(db, window, unchanged);
      return { extent, pool, evaluator, rows, unchangedCount: rows.unchangedCount() };
    } catch (error) {
      void stopWorkers(pool);
      throw error;
    }
  })();
  const { extent, pool, evaluator, rows } = plan;
  const tally = new Tally(options.samples ?? 20);
  const onResult = (result: ImpactBatchResult) => {
    tally.add(result);
    options.onProgress?.(tally.evaluated, extent.count);
  };
  onResult({ evaluated: plan.unchangedCount, unchanged: plan.unchangedCount, flips: [] });
  const ranges = impactRanges(extent, batchSize);
  if (pool.length === 0) {
    for (const range of ranges) for (const chunk of rows.chunks(range, batchSize)) onResult(evaluator.evaluate(chunk));
  } else {
    await inWorkers(pool, file ? rangeTasks(ranges) : rowTasks(ranges, rows, batchSize), onResult);
  }
  return { ...tally.summary(), elapsedMs: performance.now() - started };
}

function* rangeTasks(ranges: Iterable<ImpactRange>): Generator<Omit<ImpactWorkerTask, 'task'>> {
  for (const range of ranges) yield { range };
}

function* rowTasks(ranges: Iterable<ImpactRange>, rows: ImpactRows, batchSize: number): Generator<Omit<ImpactWorkerTask, 'task'>> {
  for (const range of ranges) for (const chunk of rows.chunks(range, batchSize)) yield { rows: chunk };
}

function startWorkers(count: number, data: ImpactWorkerData, execArgv: string[] | undefined): Worker[] {
  const script = new URL(import.meta.url.endsWith('.ts') ? './impact.worker.ts' : './impact.worker.js', import.meta.url);
  return Array.from({ length: count }, () => new Worker(script, { workerData: data, execArgv }));
}

async function stopWorkers(pool: readonly Worker[]): Promise<void> {
  await Promise.all(pool.map((worker) => worker.terminate()));
}

async function inWorkers(
  pool: readonly Worker[],
  tasks: Iterator<Omit<ImpactWorkerTask, 'task'>>,
  onResult: (result: ImpactBatchResult) => void,
): Promise<void> {
  let next = 0;
  const take = (): ImpactWorkerTask | undefined => {
    const task = tasks.next();
    return task.done ? undefined : { task: next++, ...task.value };
  };
  try {
    await Promise.all(pool.map((worker) => drive(worker, take, onResult)));
  } finally {
    await stopWorkers(pool);
  }
}

/** Keeps one worker busy: sends tasks as results come back, until there are none left. */
function drive(worker: Worker, take: () => ImpactWorkerTask | undefined, onResult: (result: ImpactBatchResult) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let inFlight = 0;
    let dry = false;
    const send = () => {
      while (!dry && inFlight < IN_FLIGHT_PER_WORKER) {
        const task = take();
        if (task === undefined) dry = true;
        else {
          inFlight++;
          worker.postMessage(task);
        }
      }
      if (dry && inFlight === 0) resolve();
    };
    worker.on('message', (message: { result?: ImpactBatchResult; error?: string }) => {
      inFlight--;
      if (message.error) return reject(new Error(`impact worker: ${message.error}`));
      onResult(message.result as ImpactBatchResult);
      send();
    });
    worker.once('error', reject);
    send();
  });
}

class Tally {
  evaluated = 0;
  private unchanged = 0;
  private readonly transitions = new Map<string, number>();
  private readonly samples: ImpactFlip[] = [];
  private flipped = 0;

  constructor(private readonly sampleLimit: number) {}

  add(result: ImpactBatchResult): void {
    this.evaluated += result.evaluated;
    this.unchanged += result.unchanged;
    this.flipped += result.flips.length;
    for (const flip of result.flips) {
      const key = `${flip.before}>${flip.after}`;
      this.transitions.set(key, (this.transitions.get(key) ?? 0) + 1);
      this.samples.push(flip);
    }
    // The first flips in recording order, whichever worker finished first: the same report every run.
    this.samples.sort((a, b) => a.position - b.position).splice(this.sampleLimit);
  }

  summary(): Omit<ImpactSummary, 'elapsedMs'> {
    const byTransition = [...this.transitions.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, count]) => {
        const [from, to] = key.split('>') as [Outcome, Outcome];
        return { from, to, count };
      });
    return { evaluated: this.evaluated, unchanged: this.unchanged, flipped: this.flipped, byTransition, samples: this.samples };
  }
}
