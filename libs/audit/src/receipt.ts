import { verifyCheckpoint, type SignedCheckpoint, type Verdict } from './checkpoint.js';
import { fromHex, toHex } from './hex.js';
import { leafHashOf, type LeafEvent } from './leaf.js';
import { defaultHasher, type MerkleHasher } from './merkle-hasher.js';
import { verifyInclusion } from './verify-proofs.js';
import type { CryptoKey } from 'jose';
import type { CheckpointKey } from './checkpoint-key.js';

export const RECEIPT_FORMAT = 'policy-ledger/receipt/v1';

/**
 * A receipt: proof that one event (a determination) is leaf `leafIndex` of the log at a signed
 * checkpoint. `anchor` says which checkpoint: `logged` (a checkpoint written to the log itself,
 * the same on every node, served forever) or `interim` (a tree head this node signed at once,
 * before the next logged checkpoint covered the event). Both are signed by the log's key.
 */
export interface Receipt {
  format: typeof RECEIPT_FORMAT;
  /** The recorded event exactly as stored: what the leaf hash covers. */
  event: LeafEvent;
  /** The store's commit position of the event. */
  position: number;
  leafIndex: number;
  /** Lowercase hex of SHA-256(0x00 || canonical bytes of `event`). */
  leafHash: string;
  /** RFC 9162 inclusion proof of the leaf in the checkpoint's tree, leaf side first, lowercase hex. */
  inclusionProof: { treeSize: number; hashes: string[] };
  anchor: 'logged' | 'interim';
  checkpoint: SignedCheckpoint;
}

export interface ReceiptFacts {
  leafIndex: number;
  treeSize: number;
  rootHash: string;
  keyId: string;
  issuedAt: string;
  stream: string;
  type: string;
}

/**
 * Verifies a receipt offline with the log's public key, step by step: the leaf hash is the hash
 * of the event as given, the checkpoint's signature holds, and the inclusion proof leads from the
 * leaf to the checkpoint's root. The first failing step is the reason.
 */
export async function verifyReceipt(
  receipt: unknown,
  publicKey: CryptoKey | CheckpointKey,
  hasher: MerkleHasher = defaultHasher,
): Promise<Verdict<ReceiptFacts>> {
  const r = receipt as Partial<Receipt> | null;
  if (!r || typeof r !== 'object' || r.format !== RECEIPT_FORMAT) return { valid: false, reason: `not a receipt (format must be ${RECEIPT_FORMAT})` };
  if (!r.event || typeof r.event !== 'object' || !r.inclusionProof || !Array.isArray(r.inclusionProof.hashes) || typeof r.leafHash !== 'string')
    return { valid: false, reason: 'the receipt lacks its event, leaf hash or inclusion proof' };
  const recomputed = toHex(leafHashOf(hasher, r.event));
  if (recomputed !== r.leafHash)
    return { valid: false, reason: `leaf ${String(r.leafIndex)}: the event hashes to ${recomputed}, not the receipt's leaf hash ${r.leafHash}` };
  const checkpoint = await verifyCheckpoint(r.checkpoint, publicKey);
  if (!checkpoint.valid) return { valid: false, reason: `checkpoint: ${checkpoint.reason}` };
  const { body } = checkpoint;
  if (r.inclusionProof.treeSize !== body.treeSize)
    return { valid: false, reason: `the proof is for tree size ${String(r.inclusionProof.treeSize)}, the checkpoint for ${body.treeSize}` };
  let hashes: Uint8Array[];
  try {
    hashes = r.inclusionProof.hashes.map((h) => fromHex(h));
  } catch {
    return { valid: false, reason: 'the inclusion proof holds a value that is not hex' };
  }
  if (!verifyInclusion(hasher, r.leafIndex as number, body.treeSize, fromHex(r.leafHash), hashes, fromHex(body.rootHash)))
    return { valid: false, reason: `leaf ${String(r.leafIndex)}: the inclusion proof does not lead to the checkpoint's root ${body.rootHash}` };
  return {
    valid: true,
    leafIndex: r.leafIndex as number,
    treeSize: body.treeSize,
    rootHash: body.rootHash,
    keyId: body.keyId,
    issuedAt: body.issuedAt,
    stream: r.event.stream,
    type: r.event.type,
  };
}
