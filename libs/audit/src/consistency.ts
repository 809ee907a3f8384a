import { verifyCheckpoint, type Verdict } from './checkpoint.js';
import { fromHex } from './hex.js';
import { defaultHasher, type MerkleHasher } from './merkle-hasher.js';
import { verifyConsistency } from './verify-proofs.js';
import type { CryptoKey } from 'jose';
import type { CheckpointKey } from './checkpoint-key.js';

/** An RFC 9162 consistency proof between two tree sizes, hashes in lowercase hex. */
export interface ConsistencyProofDocument {
  fromTreeSize: number;
  toTreeSize: number;
  hashes: string[];
}

/**
 * Verifies offline that the log at checkpoint `older` is a prefix of the log at checkpoint
 * `newer`: both signatures hold under the public key (the older one under `olderKey` when the
 * log's key was rotated in between) and the proof links their roots.
 */
export async function verifyCheckpointConsistency(
  older: unknown,
  newer: unknown,
  proof: unknown,
  publicKey: CryptoKey | CheckpointKey,
  olderKey: CryptoKey | CheckpointKey = publicKey,
  hasher: MerkleHasher = defaultHasher,
): Promise<Verdict<{ fromTreeSize: number; toTreeSize: number }>> {
  const first = await verifyCheckpoint(older, olderKey);
  if (!first.valid) return { valid: false, reason: `older checkpoint: ${first.reason}` };
  const second = await verifyCheckpoint(newer, publicKey);
  if (!second.valid) return { valid: false, reason: `newer checkpoint: ${second.reason}` };
  const p = proof as Partial<ConsistencyProofDocument> | null;
  if (!p || !Array.isArray(p.hashes)) return { valid: false, reason: 'the proof has no hashes' };
  const from = first.body.treeSize;
  const to = second.body.treeSize;
  if (p.fromTreeSize !== from || p.toTreeSize !== to)
    return { valid: false, reason: `the proof is from size ${String(p.fromTreeSize)} to ${String(p.toTreeSize)}, the checkpoints are ${from} and ${to}` };
  let hashes: Uint8Array[];
  try {
    hashes = p.hashes.map((h) => fromHex(h));
  } catch {
    return { valid: false, reason: 'the proof holds a value that is not hex' };
  }
  if (!verifyConsistency(hasher, from, to, hashes, fromHex(first.body.rootHash), fromHex(second.body.rootHash)))
    return { valid: false, reason: `the tree of size ${from} is not a prefix of the tree of size ${to}: the proof does not link the two roots` };
  return { valid: true, fromTreeSize: from, toTreeSize: to };
}
