// A worker thread of impact analysis: builds its own timelines once, then evaluates the ranges it
// is sent, reading them from the read model's file on its own read-only connection.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { ImpactWorkerData, ImpactWorkerTask } from './impact-analysis.js';
import { ImpactEvaluator, type ImpactBatchResult } from './impact-evaluation.js';
import { ImpactRows } from './impact-rows.js';

const { setup, window, file, batchSize } = workerData as ImpactWorkerData;
const evaluator = new ImpactEvaluator(setup);
const rows = file ? new ImpactRows(new Database(file, { readonly: true, fileMustExist: true }), window, evaluator.unchangedValidTimes()) : undefined;

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

parentPort?.on('message', (task: ImpactWorkerTask) => {
  try {
    parentPort?.postMessage({ task: task.task, result: run(task) });
  } catch (error) {
    parentPort?.postMessage({ task: task.task, error: (error as Error).message });
  }
});
