// A worker thread of impact analysis: builds its own timelines once, then evaluates the ranges it
// is sent, reading them from the read model's file on its own read-only connection.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { ImpactWorkerData, ImpactWorkerStart, ImpactWorkerTask } from './impact-analysis.js';
import { ImpactEvaluator, type ImpactBatchResult } from './impact-evaluation.js';
import { ImpactRows } from './impact-rows.js';

const { setup, window, file, batchSize } = workerData as ImpactWorkerData;
const evaluator = new ImpactEvaluator(setup);
let rows: ImpactRows | undefined;

function run({ range, rows: given }: ImpactWorkerTask): ImpactBatchResult {
  if (given) return evaluator.evaluate(given);
  if (!range || !rows) throw new Error('a task names neither rows nor a range of a read model file');
  const total: ImpactBatchResult = { evaluated: 0, unchanged: 0, flips: [] };
  for (const chunk of rows.chunks(range, batchSize)) {
    const result = evaluator.evaluate(chunk);
    total.evaluated += result.evaluated;
    total.unchanged += result.unchanged;
    total.flips.push(...result.flips);
  }
  return total;
}

parentPort?.on('message', (message: ImpactWorkerStart | ImpactWorkerTask) => {
  if ('unchanged' in message) {
    // The calling thread found these from the same policy: its count and these reads leave out the same rows.
    if (file) rows = new ImpactRows(new Database(file, { readonly: true, fileMustExist: true }), window, message.unchanged);
    return;
  }
  try {
    parentPort?.postMessage({ task: message.task, result: run(message) });
  } catch (error) {
    parentPort?.postMessage({ task: message.task, error: (error as Error).message });
  }
});
