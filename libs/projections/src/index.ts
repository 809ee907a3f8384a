export * from './projection.js';
export * from './projection-processor.js';
export { dropCheckpoint, readCheckpoint } from './checkpoints.js';
