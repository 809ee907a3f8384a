import examples from '../test-vectors/policy-ledger-examples.json' with { type: 'json' };
import { importPublicKey, keyIdOf, verifyCheckpoint } from './checkpoint.js';
import { verifyCheckpointConsistency } from './consistency.js';
import { toHex } from './hex.js';
import { leafHashOf, leafText, type LeafEvent } from './leaf.js';
import { defaultHasher } from './merkle-hasher.js';
import { treeRoot } from './merkle-proofs.js';
import { MemoryTree } from './memory-tree.js';
import { verifyReceipt } from './receipt.js';

// The worked examples of docs/audit.md: a third party's verifier should reproduce every value.
describe('the examples of docs/audit.md', () => {
  it('gives each leaf its canonical text and leaf hash, and the tree its roots', () => {
    const tree = new MemoryTree(defaultHasher);
    for (const leaf of examples.leaves) {
      expect(leafText(leaf.event as LeafEvent)).toBe(leaf.canonicalText);
      expect(toHex(leafHashOf(defaultHasher, leaf.event as LeafEvent))).toBe(leaf.leafHash);
      tree.append(leafHashOf(defaultHasher, leaf.event as LeafEvent));
    }
    for (const { treeSize, rootHash } of examples.roots) expect(toHex(treeRoot(tree, defaultHasher, treeSize))).toBe(rootHash);
  });

  it('verifies the example checkpoints, receipt and consistency proof with the example public key', async () => {
    const key = await importPublicKey(examples.publicKeyPem);
    expect(await keyIdOf(key)).toBe(examples.keyId);
    await expect(verifyCheckpoint(examples.checkpoint, key)).resolves.toMatchObject({ valid: true });
    await expect(verifyReceipt(examples.receipt, key)).resolves.toMatchObject({ valid: true, leafIndex: 1, treeSize: 3 });
    await expect(verifyCheckpointConsistency(examples.olderCheckpoint, examples.checkpoint, examples.consistencyProof, key)).resolves.toMatchObject({
      valid: true,
    });
  });
});
