export { jsonSlices, jsonWeightAtMost, type JsonSliceOptions } from './sliced-json.js';
export { nextTurn, throwIfCancelled } from './turns.js';
export { WorkCancelledError, type CancellationReason } from './work-cancelled.error.js';
export type { WorkContext } from './work-context.js';
