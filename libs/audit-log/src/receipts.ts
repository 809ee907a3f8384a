import { inclusionProof, RECEIPT_FORMAT, toHex, type Receipt, type SignedCheckpoint } from '#audit';
import type { RecordedEvent } from '#event-store';
import type { CheckpointWriter } from './checkpoint-writer.js';
import { leafEventOf } from './tree/leaf-event.js';
import { nativeHasher } from './tree/native-hasher.js';
import type { SqliteTreeStore } from './tree/sqlite-tree-store.js';

/**
 * The receipt of an event already in the tree: its inclusion proof against the first logged
 * checkpoint covering it, or, until one exists, against an interim tree head signed at once.
 */
export async function receiptFor(event: RecordedEvent, tree: SqliteTreeStore, checkpoints: CheckpointWriter): Promise<Receipt | undefined> {
  const leafIndex = tree.leafIndexAt(event.position);
  if (leafIndex === undefined) return undefined;
  const logged = tree.firstCheckpointCovering(leafIndex);
  const checkpoint: SignedCheckpoint = logged ? logged.checkpoint : await checkpoints.signInterim();
  return {
    format: RECEIPT_FORMAT,
    event: leafEventOf(event),
    position: event.position,
    leafIndex,
    leafHash: toHex(tree.leafHash(leafIndex)),
    inclusionProof: { treeSize: checkpoint.treeSize, hashes: inclusionProof(tree, nativeHasher, leafIndex, checkpoint.treeSize).map(toHex) },
    anchor: logged ? 'logged' : 'interim',
    checkpoint,
  };
}
