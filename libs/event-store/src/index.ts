export * from './event-store.port.js';
export * from './event-store.errors.js';
export { eventFilterMatcher } from './internal/event-filter.js';
export * from './serialization/event-serializer.js';
export { ChainVerifier, GENESIS_HASH, eventHash, type ChainedEvent } from './tamper-evidence/hash-chain.js';
export * from './adapters/memory/memory-event-store.js';
export * from './command/handle-command.js';
