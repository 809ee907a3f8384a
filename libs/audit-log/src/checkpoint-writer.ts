import { randomUUID } from 'node:crypto';
import { signCheckpoint, toHex, type SignedCheckpoint } from '#audit';
import { ConcurrencyError, type EventStore } from '#event-store';
import type { AuditSigningKey } from './signing-key.js';
import { AUDIT_CHECKPOINT_RECORDED, CHECKPOINT_STREAM } from './tree/checkpoint-events.js';
import type { SqliteTreeStore } from './tree/sqlite-tree-store.js';

/**
 * Writes signed checkpoints to the log and signs interim tree heads. A checkpoint is decided by
 * the log: it is appended with the checkpoint stream's expected revision, only by a node whose tree
 * has applied the stream's last checkpoint, so checkpoints' sizes only grow and two nodes racing
 * cannot both write one; every node then serves the logged document itself.
 */
export class CheckpointWriter {
  private interim?: SignedCheckpoint;

  constructor(
    private readonly store: EventStore,
    private readonly tree: SqliteTreeStore,
    private readonly key: AuditSigningKey,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Appends a checkpoint of this node's tree if the log has leaves no checkpoint covers yet
   * (besides the last checkpoint's own leaf), or when the last one was signed by another key (after
   * a rotation, so the latest checkpoint is always signed by the current key). Returns it, or
   * undefined when none was due or another node wrote one first.
   */
  async writeIfDue(): Promise<SignedCheckpoint | undefined> {
    const [tail] = await this.store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
    const size = this.tree.size;
    if (tail) {
      const tailLeaf = this.tree.leafIndexAt(tail.position);
      if (tailLeaf === undefined) return undefined;
      const last = tail.data as SignedCheckpoint;
      // Events appended between signing the last checkpoint and appending it sit below its own
      // leaf but above its size: they are not covered, so its own leaf being the newest is not enough.
      const onlyItsOwnLeafIsNew = last.treeSize === tailLeaf && size === tailLeaf + 1;
      if (onlyItsOwnLeafIsNew && last.keyId === this.key.keyId) return undefined;
    } else if (size === 0) {
      return undefined;
    }
    const checkpoint = await this.sign(size);
    try {
      await this.store.append(CHECKPOINT_STREAM, [{ id: randomUUID(), type: AUDIT_CHECKPOINT_RECORDED, data: checkpoint }], tail ? tail.revision : 'no_stream');
    } catch (error) {
      if (error instanceof ConcurrencyError) return undefined;
      throw error;
    }
    return checkpoint;
  }

  /** A tree head of this node's current tree, signed at once (not written to the log); one per size. */
  async signInterim(): Promise<SignedCheckpoint> {
    const size = this.tree.size;
    if (this.interim?.treeSize !== size) this.interim = await this.sign(size);
    return this.interim;
  }

  private sign(size: number): Promise<SignedCheckpoint> {
    return signCheckpoint(
      { treeSize: size, rootHash: toHex(this.tree.rootAt(size)), issuedAt: this.now().toISOString(), keyId: this.key.keyId },
      this.key.privateKey,
    );
  }
}
