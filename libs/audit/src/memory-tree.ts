import { CompactRange } from './compact-range.js';
import type { MerkleHasher } from './merkle-hasher.js';
import type { TreeNodes } from './merkle-proofs.js';

/** A whole tree in memory (every complete node): for verifiers that rebuild a log from its events. */
export class MemoryTree implements TreeNodes {
  private readonly levels: Uint8Array[][] = [[]];
  private readonly range: CompactRange;

  constructor(hasher: MerkleHasher) {
    this.range = new CompactRange(hasher);
  }

  get size(): number {
    return this.range.size;
  }

  append(leafHash: Uint8Array): void {
    for (const node of this.range.append(leafHash)) (this.levels[node.level] ??= [])[node.index] = node.hash;
  }

  node(level: number, index: number): Uint8Array {
    const hash = this.levels[level]?.[index];
    if (!hash) throw new RangeError(`no complete node at level ${level}, index ${index}`);
    return hash;
  }

  leaf(index: number): Uint8Array {
    return this.node(0, index);
  }

  root(): Uint8Array {
    return this.range.root();
  }
}
