import { exportSPKI, generateKeyPair } from 'jose';
import { importPublicKey, keyIdOf, signCheckpoint, verifyCheckpoint } from './checkpoint.js';
import { verifyCheckpointConsistency } from './consistency.js';
import { toHex } from './hex.js';
import { leafHashOf, leafText, type LeafEvent } from './leaf.js';
import { defaultHasher } from './merkle-hasher.js';
import { consistencyProof, inclusionProof, treeRoot } from './merkle-proofs.js';
import { MemoryTree } from './memory-tree.js';
import { RECEIPT_FORMAT, verifyReceipt, type Receipt } from './receipt.js';

const event = (i: number): LeafEvent => ({
  stream: `determination-${i}`,
  revision: 0,
  type: 'DeterminationIssued',
  data: { outcome: 'LICENSE_REQUIRED', n: i, note: 'ü"\n' },
  metadata: { actor: 'ana', schemaVersion: 1, prevHash: '', hash: 'ab'.repeat(32) },
  recordedAt: '2026-01-02T03:04:05.678Z',
});

async function setUp() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const pem = await exportSPKI(publicKey);
  const key = await importPublicKey(pem);
  const keyId = await keyIdOf(key);
  const tree = new MemoryTree(defaultHasher);
  for (let i = 0; i < 13; i++) tree.append(leafHashOf(defaultHasher, event(i)));
  const sign = (size: number) =>
    signCheckpoint({ treeSize: size, rootHash: toHex(treeRoot(tree, defaultHasher, size)), issuedAt: '2026-01-02T03:05:00.000Z', keyId }, privateKey);
  return {
    key,
    tree,
    sign,
    otherKey: await importPublicKey(await exportSPKI((await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true })).publicKey)),
  };
}

describe('checkpoints and receipts', () => {
  it('writes the leaf as canonical JSON with sorted keys', () => {
    expect(leafText(event(1))).toBe(
      '{"data":{"n":1,"note":"ü\\"\\n","outcome":"LICENSE_REQUIRED"},"metadata":{"actor":"ana","hash":"' +
        'ab'.repeat(32) +
        '","prevHash":"","schemaVersion":1},"recordedAt":"2026-01-02T03:04:05.678Z","revision":0,"stream":"determination-1","type":"DeterminationIssued"}',
    );
  });

  it('verifies a receipt, and names the step that fails when the event, the proof, the checkpoint or the key is wrong', async () => {
    const { key, tree, sign, otherKey } = await setUp();
    const checkpoint = await sign(11);
    const receipt: Receipt = {
      format: RECEIPT_FORMAT,
      event: event(6),
      position: 7,
      leafIndex: 6,
      leafHash: toHex(tree.leaf(6)),
      inclusionProof: { treeSize: 11, hashes: inclusionProof(tree, defaultHasher, 6, 11).map(toHex) },
      anchor: 'logged',
      checkpoint,
    };
    await expect(verifyReceipt(receipt, key)).resolves.toMatchObject({ valid: true, leafIndex: 6, treeSize: 11 });
    const edited = structuredClone(receipt);
    (edited.event.data as { outcome: string }).outcome = 'NO_LICENSE_REQUIRED';
    await expect(verifyReceipt(edited, key)).resolves.toMatchObject({ valid: false, reason: expect.stringContaining('leaf 6: the event hashes to') });
    const moved = { ...receipt, leafIndex: 5 };
    await expect(verifyReceipt(moved, key)).resolves.toMatchObject({ valid: false, reason: expect.stringContaining('inclusion proof does not lead') });
    const forged = { ...receipt, checkpoint: { ...checkpoint, document: checkpoint.document.replace('"treeSize":11', '"treeSize":12') } };
    await expect(verifyReceipt(forged, key)).resolves.toMatchObject({ valid: false, reason: expect.stringContaining('checkpoint') });
    await expect(verifyReceipt(receipt, otherKey)).resolves.toMatchObject({ valid: false, reason: expect.stringContaining('but the public key given is') });
    await expect(verifyReceipt(JSON.parse(JSON.stringify(receipt)), key)).resolves.toMatchObject({ valid: true });
  });

  it('verifies the consistency of two signed checkpoints, and refuses a proof between other sizes or roots', async () => {
    const { key, tree, sign } = await setUp();
    const older = await sign(5);
    const newer = await sign(13);
    const proof = { fromTreeSize: 5, toTreeSize: 13, hashes: consistencyProof(tree, defaultHasher, 5, 13).map(toHex) };
    await expect(verifyCheckpointConsistency(older, newer, proof, key)).resolves.toEqual({ valid: true, fromTreeSize: 5, toTreeSize: 13 });
    await expect(verifyCheckpointConsistency(newer, older, proof, key)).resolves.toMatchObject({ valid: false });
    const bad = { ...proof, hashes: [...proof.hashes.slice(1), proof.hashes[0]!] };
    await expect(verifyCheckpointConsistency(older, newer, bad, key)).resolves.toMatchObject({ valid: false, reason: expect.stringContaining('not a prefix') });
  });

  it('refuses a checkpoint whose visible fields differ from the signed document', async () => {
    const { key, sign } = await setUp();
    const checkpoint = await sign(4);
    await expect(verifyCheckpoint({ ...checkpoint, treeSize: 5 }, key)).resolves.toMatchObject({ valid: false, reason: expect.stringContaining('treeSize') });
  });
});

describe('leaf hashing with a text SHA-256', () => {
  it('gives the same leaf hash as hashing the bytes', async () => {
    const { createHash } = await import('node:crypto');
    const { MerkleHasher } = await import('./merkle-hasher.js');
    const native = new MerkleHasher(
      (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()),
      (text) => new Uint8Array(createHash('sha256').update(text, 'utf8').digest()),
    );
    const e = event(3);
    expect(toHex(leafHashOf(native, e))).toBe(toHex(leafHashOf(defaultHasher, e)));
    expect(toHex(leafHashOf(native, e))).toBe(toHex(defaultHasher.leafHash(new TextEncoder().encode(leafText(e)))));
  });
});
