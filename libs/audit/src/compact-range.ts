import type { MerkleHasher } from './merkle-hasher.js';
import { completeSubtrees } from './tree-shape.js';

/** A complete subtree's hash: the node at `level` covering leaves [index * 2^level, (index + 1) * 2^level). */
export interface TreeNode {
  level: number;
  index: number;
  hash: Uint8Array;
}

/**
 * The right edge of a growing tree: the hashes of the complete subtrees that make up leaves
 * [0, size), largest first (a "compact range", as transparency-dev calls it). Appending a leaf
 * yields the nodes it completes, so a store of complete nodes grows with no reads, and the root
 * of any size is a fold of at most log2(size) hashes.
 */
export class CompactRange {
  private readonly edge: TreeNode[];

  constructor(
    private readonly hasher: MerkleHasher,
    private count = 0,
    edge: TreeNode[] = [],
  ) {
    this.edge = [...edge];
  }

  /** The range at `size` rebuilt from stored nodes (the complete subtrees of [0, size)). */
  static at(hasher: MerkleHasher, size: number, node: (level: number, index: number) => Uint8Array): CompactRange {
    const edge = completeSubtrees(0, size).map(({ level, index }) => ({ level, index, hash: node(level, index) }));
    return new CompactRange(hasher, size, edge);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a leaf hash; returns every node it completes, the leaf itself first. */
  append(leafHash: Uint8Array): TreeNode[] {
    const created: TreeNode[] = [{ level: 0, index: this.count, hash: leafHash }];
    this.edge.push(created[0]!);
    this.count++;
    while (this.edge.length >= 2 && this.edge.at(-1)!.level === this.edge.at(-2)!.level) {
      const right = this.edge.pop()!;
      const left = this.edge.pop()!;
      const parent = { level: left.level + 1, index: left.index / 2, hash: this.hasher.nodeHash(left.hash, right.hash) };
      this.edge.push(parent);
      created.push(parent);
    }
    return created;
  }

  /** MTH of the leaves so far. */
  root(): Uint8Array {
    if (this.edge.length === 0) return this.hasher.emptyRoot();
    let hash = this.edge.at(-1)!.hash;
    for (let i = this.edge.length - 2; i >= 0; i--) hash = this.hasher.nodeHash(this.edge[i]!.hash, hash);
    return hash;
  }
}
