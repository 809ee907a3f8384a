export * from './dates.js';
export * from './words.js';
export * from './memo.js';
export * from './ruling.generated.js';
