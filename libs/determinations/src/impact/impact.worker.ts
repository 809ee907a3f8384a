// A worker thread of impact analysis: builds its own timelines once, then evaluates batches.
import { parentPort, workerData } from 'node:worker_threads';
import { ImpactEvaluator, type ImpactBatchText, type ImpactSetup } from './impact-evaluation.js';

const evaluator = new ImpactEvaluator(workerData as ImpactSetup);
parentPort?.on('message', (message: { batch: number; rows: ImpactBatchText }) => {
  try {
    parentPort?.postMessage({ batch: message.batch, result: evaluator.evaluate(message.rows) });
  } catch (error) {
    parentPort?.postMessage({ batch: message.batch, error: (error as Error).message });
  }
});
