import { createHash } from 'node:crypto';
import fc from 'fast-check';
import vectors from '../test-vectors/transparency-dev-merkle.json' with { type: 'json' };
import { fromHex, toHex } from './hex.js';
import { defaultHasher, MerkleHasher } from './merkle-hasher.js';
import { consistencyProof, inclusionProof, treeRoot, type TreeNodes } from './merkle-proofs.js';
import { MemoryTree } from './memory-tree.js';
import { verifyConsistency, verifyInclusion } from './verify-proofs.js';

// An independent reference, written straight from RFC 9162 section 2.1 (MTH, PATH, PROOF,
// SUBPROOF) over the leaves themselves, with Node's SHA-256 rather than the library's.
const sha = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(createHash('sha256').update(Buffer.concat(parts)).digest());
const k = (n: number): number => 2 ** Math.floor(Math.log2(n - 1));
const memo = new Map<string, Uint8Array>();
function MTH(D: Uint8Array[], lo: number, hi: number): Uint8Array {
  const key = `${lo}:${hi}`;
  let hash = memo.get(key);
  if (hash) return hash;
  const n = hi - lo;
  if (n === 0) hash = sha();
  else if (n === 1) hash = sha(Uint8Array.of(0), D[lo]!);
  else hash = sha(Uint8Array.of(1), MTH(D, lo, lo + k(n)), MTH(D, lo + k(n), hi));
  memo.set(key, hash);
  return hash;
}
function PATH(m: number, D: Uint8Array[], lo: number, hi: number): Uint8Array[] {
  const n = hi - lo;
  if (n === 1) return [];
  return m < k(n) ? [...PATH(m, D, lo, lo + k(n)), MTH(D, lo + k(n), hi)] : [...PATH(m - k(n), D, lo + k(n), hi), MTH(D, lo, lo + k(n))];
}
function SUBPROOF(m: number, D: Uint8Array[], lo: number, hi: number, b: boolean): Uint8Array[] {
  const n = hi - lo;
  if (m === n) return b ? [] : [MTH(D, lo, hi)];
  return m <= k(n) ? [...SUBPROOF(m, D, lo, lo + k(n), b), MTH(D, lo + k(n), hi)] : [...SUBPROOF(m - k(n), D, lo + k(n), hi, false), MTH(D, lo, lo + k(n))];
}

// The library's algorithms run with Node's SHA-256 here for speed; the last test shows the pure
// SHA-256 browsers use gives the same hashes.
const native = new MerkleHasher((bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()));
const MAX = 300;
const leaves = Array.from({ length: MAX }, (_, i) => new TextEncoder().encode(`leaf ${i}`));
const tree = new MemoryTree(native);
for (const leaf of leaves) tree.append(native.leafHash(leaf));
const hex = (hashes: Uint8Array[]): string[] => hashes.map(toHex);

function flipped(bytes: Uint8Array, byte: number, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[byte] ^= 1 << bit;
  return copy;
}

describe('RFC 9162 proofs against a reference written from the RFC', () => {
  it('computes the root and every inclusion proof of every tree size 1..300 as the reference does, and each verifies', () => {
    const wrong: string[] = [];
    for (let size = 1; size <= MAX; size++) {
      const root = treeRoot(tree, native, size);
      if (toHex(root) !== toHex(MTH(leaves, 0, size))) wrong.push(`root of ${size}`);
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(tree, native, index, size);
        if (hex(proof).join() !== hex(PATH(index, leaves, 0, size)).join()) wrong.push(`proof of ${index} in ${size}`);
        if (!verifyInclusion(native, index, size, tree.leaf(index), proof, root)) wrong.push(`verification of ${index} in ${size}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('computes every consistency proof between sizes 1..300 as the reference does, and each verifies', () => {
    const wrong: string[] = [];
    const roots = Array.from({ length: MAX + 1 }, (_, size) => treeRoot(tree, native, size));
    for (let to = 1; to <= MAX; to++) {
      for (let from = 1; from <= to; from++) {
        const proof = consistencyProof(tree, native, from, to);
        if (hex(proof).join() !== (from === to ? '' : hex(SUBPROOF(from, leaves, 0, to, true)).join())) wrong.push(`proof from ${from} to ${to}`);
        if (!verifyConsistency(native, from, to, proof, roots[from]!, roots[to]!)) wrong.push(`verification from ${from} to ${to}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('rejects an inclusion proof when any bit of the leaf, a proof hash or the root changes, or a hash is dropped or added', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: MAX }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 0, max: 7 }),
        (size, i, part, byte, bit) => {
          const index = i % size;
          const root = treeRoot(tree, native, size);
          const leaf = tree.leaf(index);
          const proof = inclusionProof(tree, native, index, size);
          const target = part % (proof.length + 2);
          if (target === 0) return !verifyInclusion(defaultHasher, index, size, flipped(leaf, byte, bit), proof, root);
          if (target === 1) return !verifyInclusion(defaultHasher, index, size, leaf, proof, flipped(root, byte, bit));
          const bad = proof.map((h, j) => (j === target - 2 ? flipped(h, byte, bit) : h));
          return (
            !verifyInclusion(defaultHasher, index, size, leaf, bad, root) &&
            !verifyInclusion(defaultHasher, index, size, leaf, proof.slice(1), root) &&
            !verifyInclusion(defaultHasher, index, size, leaf, [...proof, root], root)
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('rejects a consistency proof when any bit of a proof hash or either root changes, or a hash is dropped or added', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: MAX }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 0, max: 7 }),
        (to, f, part, byte, bit) => {
          const from = 1 + (f % (to - 1));
          const fromRoot = treeRoot(tree, native, from);
          const toRoot = treeRoot(tree, native, to);
          const proof = consistencyProof(tree, native, from, to);
          const target = part % (proof.length + 2);
          if (target === 0) return !verifyConsistency(defaultHasher, from, to, proof, flipped(fromRoot, byte, bit), toRoot);
          if (target === 1) return !verifyConsistency(defaultHasher, from, to, proof, fromRoot, flipped(toRoot, byte, bit));
          const bad = proof.map((h, j) => (j === target - 2 ? flipped(h, byte, bit) : h));
          return (
            !verifyConsistency(defaultHasher, from, to, bad, fromRoot, toRoot) &&
            !verifyConsistency(defaultHasher, from, to, proof.slice(0, -1), fromRoot, toRoot) &&
            !verifyConsistency(defaultHasher, from, to, [...proof, toRoot], fromRoot, toRoot) &&
            !verifyConsistency(defaultHasher, from, to, proof, toRoot, fromRoot)
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('handles tree sizes past 2^32 exactly (no 32-bit arithmetic)', () => {
    // Every leaf equal: the node at a level is the same everywhere, so a huge tree needs no storage.
    const same: Uint8Array[] = [defaultHasher.leafHash(new Uint8Array([7]))];
    for (let level = 1; level < 53; level++) same.push(defaultHasher.nodeHash(same[level - 1]!, same[level - 1]!));
    const uniform: TreeNodes = { node: (level) => same[level]! };
    fc.assert(
      fc.property(
        fc.integer({ min: 2 ** 31, max: 2 ** 45 }),
        fc.integer({ min: 1, max: 2 ** 45 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (size, to, at) => {
          const index = Math.min(size - 1, Math.floor(at * size));
          const root = treeRoot(uniform, defaultHasher, size);
          const proof = inclusionProof(uniform, defaultHasher, index, size);
          const bigger = size + to;
          const consistency = consistencyProof(uniform, defaultHasher, size, bigger);
          return (
            verifyInclusion(defaultHasher, index, size, same[0]!, proof, root) &&
            verifyConsistency(defaultHasher, size, bigger, consistency, root, treeRoot(uniform, defaultHasher, bigger))
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('RFC 9162 test vectors (transparency-dev/merkle, proof/verify_test.go)', () => {
  const D = vectors.leaves.map((h) => fromHex(h));
  const vectorTree = new MemoryTree(defaultHasher);
  for (const leaf of D) vectorTree.append(defaultHasher.leafHash(leaf));

  it('gives the published roots for sizes 0..8', () => {
    expect(toHex(treeRoot(vectorTree, defaultHasher, 0))).toBe(vectors.emptyTreeRoot);
    vectors.roots.forEach((root, i) => expect(toHex(treeRoot(vectorTree, defaultHasher, i + 1))).toBe(root));
  });

  it.each(vectors.inclusionProofs)('inclusion: leaf $leafIndex of $treeSize', ({ leafIndex, treeSize, hashes }) => {
    expect(hex(inclusionProof(vectorTree, defaultHasher, leafIndex, treeSize))).toEqual(hashes);
    const root = fromHex(vectors.roots[treeSize - 1]!);
    expect(verifyInclusion(defaultHasher, leafIndex, treeSize, defaultHasher.leafHash(D[leafIndex]!), hashes.map(fromHex), root)).toBe(true);
  });

  it.each(vectors.consistencyProofs)('consistency: $fromTreeSize to $toTreeSize', ({ fromTreeSize, toTreeSize, hashes }) => {
    expect(hex(consistencyProof(vectorTree, defaultHasher, fromTreeSize, toTreeSize))).toEqual(hashes);
    const ok = verifyConsistency(
      defaultHasher,
      fromTreeSize,
      toTreeSize,
      hashes.map(fromHex),
      fromHex(vectors.roots[fromTreeSize - 1]!),
      fromHex(vectors.roots[toTreeSize - 1]!),
    );
    expect(ok).toBe(true);
  });

  it("gives the same hashes with Node's native SHA-256 as with the pure one", () => {
    const nativeTree = new MemoryTree(native);
    for (const leaf of D) nativeTree.append(native.leafHash(leaf));
    expect(toHex(nativeTree.root())).toBe(vectors.roots[7]);
  });
});
