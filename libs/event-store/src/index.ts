export * from './event-store.port.js';
export * from './event-store.errors.js';
export * from './serialization/event-serializer.js';
export * from './serialization/policy-event-schemas.js';
export { ChainVerifier, GENESIS_HASH, eventHash, type ChainedEvent } from './tamper-evidence/hash-chain.js';
export * from './adapters/memory/memory-event-store.js';
export * from './adapters/sqlite/sqlite-event-store.js';
export * from './adapters/eventstoredb/eventstoredb-event-store.js';
export * from './serialization/determination-event-schemas.js';
