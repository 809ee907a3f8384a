import type { MerkleHasher } from './merkle-hasher.js';
import { completeSubtrees, splitPoint } from './tree-shape.js';

/**
 * Where proofs read the tree from: the hash of a complete subtree, i.e. the node at `level`
 * covering leaves [index * 2^level, (index + 1) * 2^level). Level 0 nodes are leaf hashes.
 * Only complete subtrees are ever asked for; they never change once the log has them.
 */
export interface TreeNodes {
  node(level: number, index: number): Uint8Array;
}

/** MTH(D[start:end]) for a subtree RFC 9162's recursion visits: complete ones are read, a right edge is folded. */
export function subtreeHash(nodes: TreeNodes, hasher: MerkleHasher, start: number, end: number): Uint8Array {
  const pieces = completeSubtrees(start, end);
  let hash = nodes.node(pieces.at(-1)!.level, pieces.at(-1)!.index);
  for (let i = pieces.length - 2; i >= 0; i--) hash = hasher.nodeHash(nodes.node(pieces[i]!.level, pieces[i]!.index), hash);
  return hash;
}

/** The root hash of the first `size` leaves (RFC 9162 MTH). */
export function treeRoot(nodes: TreeNodes, hasher: MerkleHasher, size: number): Uint8Array {
  return size === 0 ? hasher.emptyRoot() : subtreeHash(nodes, hasher, 0, size);
}

/** RFC 9162 section 2.1.3.1: PATH(index, D[0:size]), leaf-side first. */
export function inclusionProof(nodes: TreeNodes, hasher: MerkleHasher, index: number, size: number): Uint8Array[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf index ${index} is not in a tree of size ${size}`);
  const path: Uint8Array[] = [];
  let start = 0;
  let end = size;
  const siblings: Uint8Array[] = [];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      siblings.push(subtreeHash(nodes, hasher, start + k, end));
      end = start + k;
    } else {
      siblings.push(subtreeHash(nodes, hasher, start, start + k));
      start += k;
    }
  }
  // The recursion appends each sibling after the deeper path: deepest first.
  for (let i = siblings.length - 1; i >= 0; i--) path.push(siblings[i]!);
  return path;
}

/** RFC 9162 section 2.1.4.1: PROOF(from, D[0:to]) for 0 < from < to; empty when from == to or from == 0. */
export function consistencyProof(nodes: TreeNodes, hasher: MerkleHasher, from: number, to: number): Uint8Array[] {
  if (!(from >= 0 && from <= to)) throw new RangeError(`no consistency proof from size ${from} to size ${to}`);
  if (from === 0 || from === to) return [];
  const siblings: Uint8Array[] = [];
  let m = from;
  let start = 0;
  let end = to;
  let wholeOldTree = true;
  for (;;) {
    const n = end - start;
    if (m === n) {
      if (!wholeOldTree) siblings.push(subtreeHash(nodes, hasher, start, end));
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      siblings.push(subtreeHash(nodes, hasher, start + k, end));
      end = start + k;
    } else {
      siblings.push(subtreeHash(nodes, hasher, start, start + k));
      start += k;
      m -= k;
      wholeOldTree = false;
    }
  }
  return siblings.reverse();
}
