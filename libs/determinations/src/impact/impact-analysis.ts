import type Database from 'better-sqlite3';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Instant, Outcome } from '#domain';
import { ImpactEvaluator, type ImpactBatchResult, type ImpactBatchText, type ImpactFlip, type ImpactSetup } from './impact-evaluation.js';

export interface ImpactWindow {
  validFrom?: Instant;
  validTo?: Instant;
}

export interface ImpactOptions {
  /** Worker threads; 0 evaluates on the calling thread. Default: one per core when the window is large. */
  workers?: number;
  batchSize?: number;
  samples?: number;
  onProgress?: (evaluated: number, total: number) => void;
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

const IN_THREAD_LIMIT = 20_000;
const IN_FLIGHT_PER_WORKER = 2;

/**
 * Re-evaluates every recorded determination whose validAt is in the window, with and without the
 * staged changes. Streams the read model in keyset-paged batches (never all rows at once), each
 * batch one JSON text built by SQLite, and spreads the batches over worker threads, at most two
 * in flight per worker; the calling thread only reads.
 */
export async function analyseImpact(db: Database.Database, setup: ImpactSetup, window: ImpactWindow, options: ImpactOptions = {}): Promise<ImpactSummary> {
  const started = performance.now();
  const rows = new RowReader(db, window, options.batchSize ?? 2_000);
  const total = rows.count();
  const workers = options.workers ?? (total > IN_THREAD_LIMIT ? availableParallelism() : 0);
  const tally = new Tally(options.samples ?? 20);
  if (workers === 0) {
    const evaluator = new ImpactEvaluator(setup);
    for (let batch = rows.next(); batch !== undefined; batch = rows.next()) {
      tally.add(evaluator.evaluate(batch));
      options.onProgress?.(tally.evaluated, total);
    }
  } else {
    await inWorkers(workers, setup, rows, (result) => {
      tally.add(result);
      options.onProgress?.(tally.evaluated, total);
    });
  }
  return { ...tally.summary(), elapsedMs: performance.now() - started };
}

class RowReader {
  private after = 0;
  private readonly statement: Database.Statement;
  private readonly countStatement: Database.Statement;
  private readonly params: Record<string, string>;

  constructor(db: Database.Database, window: ImpactWindow, private readonly batchSize: number) {
    const where = ['position > @after'];
    this.params = {};
    if (window.validFrom) {
      where.push('valid_at >= @validFrom');
      this.params.validFrom = window.validFrom;
    }
    if (window.validTo) {
      where.push('valid_at <= @validTo');
      this.params.validTo = window.validTo;
    }
    const clause = where.join(' AND ');
    // input and ledger are stored as JSON texts: spliced in as they are, never parsed here.
    this.statement = db
      .prepare(
        `SELECT '[' || group_concat('[' || json_quote(id) || ',' || position || ',' || json_quote(valid_at) || ',' || input || ',' || ledger || ']', ',') || ']', MAX(position)
         FROM (SELECT id, position, valid_at, input, ledger FROM rm_determinations WHERE ${clause} ORDER BY position LIMIT @limit)`,
      )
      .raw();
    this.countStatement = db.prepare(`SELECT COUNT(*) FROM rm_determinations WHERE ${clause}`).pluck();
  }

  count(): number {
    return this.countStatement.get({ ...this.params, after: 0 }) as number;
  }

  /** The next batch, or undefined past the last row. */
  next(): ImpactBatchText | undefined {
    const [text, last] = this.statement.get({ ...this.params, after: this.after, limit: this.batchSize }) as [string | null, number | null];
    if (text === null || last === null) return undefined;
    this.after = last;
    return text;
  }
}

async function inWorkers(count: number, setup: ImpactSetup, rows: RowReader, onResult: (result: ImpactBatchResult) => void): Promise<void> {
  const fromSources = import.meta.url.endsWith('.ts');
  const script = new URL(fromSources ? './impact.worker.ts' : './impact.worker.js', import.meta.url);
  // Run from the TypeScript sources (tests), the worker needs the same compile-on-load hooks.
  const execArgv = fromSources ? ['--conditions=source', '--import', new URL('../../../../test/support/ts-hooks/register-ts.mjs', import.meta.url).pathname] : undefined;
  const pool = Array.from({ length: count }, () => new Worker(script, { workerData: setup, execArgv }));
  try {
    await Promise.all(pool.map((worker) => drive(worker, rows, onResult)));
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}

/** Keeps one worker busy: sends batches as results come back, until the reader is dry. */
function drive(worker: Worker, rows: RowReader, onResult: (result: ImpactBatchResult) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let inFlight = 0;
    let sent = 0;
    let dry = false;
    const send = () => {
      while (!dry && inFlight < IN_FLIGHT_PER_WORKER) {
        const batch = rows.next();
        if (batch === undefined) dry = true;
        else {
          inFlight++;
          worker.postMessage({ batch: sent++, rows: batch });
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
