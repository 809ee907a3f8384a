// The audit record's core (docs/audit.md): RFC 9162 hashing and proofs, checkpoints, receipts.
// Free of Node APIs, so the same verifier runs in browsers (the lawyer's console) and in policyctl.
// Entry points for verification: verifyReceipt, verifyCheckpointConsistency, verifyCheckpoint.
export * from './hex.js';
export * from './merkle-hasher.js';
export * from './tree-shape.js';
export * from './merkle-proofs.js';
export * from './verify-proofs.js';
export * from './compact-range.js';
export * from './memory-tree.js';
export * from './leaf.js';
export * from './checkpoint.js';
export * from './checkpoint-key.js';
export * from './receipt.js';
export * from './consistency.js';
