import { equalBytes } from './hex.js';
import type { MerkleHasher } from './merkle-hasher.js';
import { half, isOdd, isPowerOfTwo, isTreeSize } from './tree-shape.js';

/**
 * RFC 9162 section 2.1.3.2: the root an inclusion proof leads to, or undefined when the proof
 * cannot be one for this index and size (wrong length, index out of range).
 */
export function rootFromInclusionProof(hasher: MerkleHasher, index: number, size: number, leafHash: Uint8Array, proof: Uint8Array[]): Uint8Array | undefined {
  if (!isTreeSize(index) || !isTreeSize(size) || index >= size || leafHash.length !== 32) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0 || p.length !== 32) return undefined;
    if (isOdd(fn) || fn === sn) {
      r = hasher.nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hasher.nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined;
}

/** True when `proof` proves the leaf `leafHash` is leaf `index` of the tree of `size` leaves with `root`. */
export function verifyInclusion(hasher: MerkleHasher, index: number, size: number, leafHash: Uint8Array, proof: Uint8Array[], root: Uint8Array): boolean {
  const computed = rootFromInclusionProof(hasher, index, size, leafHash, proof);
  return computed !== undefined && equalBytes(computed, root);
}

/**
 * RFC 9162 section 2.1.4.2: true when `proof` shows the tree of `fromSize` leaves with `fromRoot`
 * is a prefix of the tree of `toSize` leaves with `toRoot`. Equal sizes need equal roots and an
 * empty proof; the empty tree is a prefix of every tree (empty proof).
 */
export function verifyConsistency(
  hasher: MerkleHasher,
  fromSize: number,
  toSize: number,
  proof: Uint8Array[],
  fromRoot: Uint8Array,
  toRoot: Uint8Array,
): boolean {
  if (!isTreeSize(fromSize) || !isTreeSize(toSize) || fromSize > toSize) return false;
  if (proof.some((p) => p.length !== 32)) return false;
  if (fromSize === toSize) return proof.length === 0 && equalBytes(fromRoot, toRoot);
  if (fromSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(fromSize) ? [fromRoot, ...proof] : proof;
  let fn = fromSize - 1;
  let sn = toSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hasher.nodeHash(c, fr);
      sr = hasher.nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hasher.nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(fr, fromRoot) && equalBytes(sr, toRoot);
}
