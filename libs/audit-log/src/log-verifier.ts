import { CompactRange, equalBytes, leafHashOf, toHex, type CheckpointBody } from '#audit';
import { ChainVerifier, type RecordedEvent } from '#event-store';
import { leafEventOf } from './tree/leaf-event.js';
import { nativeHasher } from './tree/native-hasher.js';
import type { SqliteTreeStore } from './tree/sqlite-tree-store.js';

export interface LogVerification {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  /** Leaves in the log as read (every event is one), and the root of their tree (hex). */
  treeSize: number;
  rootHash: string;
  /** The tree size of the checkpoint checked against, if any. */
  checkpointTreeSize?: number;
  /** The first leaf that fails, and why. */
  firstBrokenIndex?: number;
  firstBrokenAt?: string;
}

/**
 * Walks a log in commit order and checks it three ways, reporting the first failure:
 * every stream's hash chain; every event's leaf hash against the tree recorded so far (the
 * stored tree, when there is one); and the root of the first `checkpoint.treeSize` leaves
 * against a signed checkpoint someone kept. Feed events with `check` (false once broken).
 */
export class LogVerifier {
  private readonly chain = new ChainVerifier();
  private readonly range = new CompactRange(nativeHasher);
  private broken?: { index: number; at: string };
  private readonly storedTree: SqliteTreeStore | undefined;
  private readonly checkpoint: CheckpointBody | undefined;

  constructor(options: { storedTree?: SqliteTreeStore; checkpoint?: CheckpointBody }) {
    this.storedTree = options.storedTree;
    this.checkpoint = options.checkpoint;
  }

  check(event: RecordedEvent): boolean {
    if (this.broken) return false;
    const index = this.range.size;
    const where = `leaf ${index} (${event.stream}@${event.revision}, position ${event.position})`;
    const leaf = leafHashOf(nativeHasher, leafEventOf(event));
    if (this.storedTree && index < this.storedTree.size) {
      const recorded = this.storedTree.leafHash(index);
      if (!equalBytes(recorded, leaf)) return this.fail(index, `${where}: the event hashes to ${toHex(leaf)}, the tree recorded ${toHex(recorded)}`);
    }
    const data = 'storedData' in event ? event.storedData : event.data;
    if (
      !this.chain.check({
        id: event.id,
        stream: event.stream,
        revision: event.revision,
        position: event.position,
        type: event.type,
        data,
        metadata: event.metadata,
      })
    ) {
      const result = this.chain.result();
      const reason = result.ok ? 'broken' : result.broken.reason;
      return this.fail(index, `${where}: its stream's hash chain is broken (${reason})`);
    }
    this.range.append(leaf);
    if (this.checkpoint && this.range.size === this.checkpoint.treeSize) {
      const root = toHex(this.range.root());
      if (root !== this.checkpoint.rootHash)
        return this.fail(index, `the first ${this.checkpoint.treeSize} leaves have root ${root}, the checkpoint signed ${this.checkpoint.rootHash}`);
    }
    return true;
  }

  finish(): LogVerification {
    const chain = this.chain.result();
    const result: LogVerification = {
      ok: this.broken === undefined,
      eventsChecked: chain.eventsChecked,
      streamsChecked: chain.streamsChecked,
      treeSize: this.range.size,
      rootHash: toHex(this.range.root()),
      checkpointTreeSize: this.checkpoint?.treeSize,
    };
    if (!this.broken && this.checkpoint && this.range.size < this.checkpoint.treeSize)
      this.fail(
        this.range.size,
        `the log ends at ${this.range.size} events, but the checkpoint covers ${this.checkpoint.treeSize}: leaf ${this.range.size} is missing`,
      );
    if (!this.broken && this.storedTree && this.range.size < this.storedTree.size)
      this.fail(
        this.range.size,
        `the log ends at ${this.range.size} events, but the tree recorded ${this.storedTree.size}: leaf ${this.range.size} is missing`,
      );
    if (this.broken) return { ...result, ok: false, firstBrokenIndex: this.broken.index, firstBrokenAt: this.broken.at };
    return result;
  }

  private fail(index: number, at: string): false {
    this.broken = { index, at };
    return false;
  }
}
