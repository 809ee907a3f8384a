import fc from 'fast-check';
import { exportSPKI, generateKeyPair } from 'jose';
import {
  defaultHasher,
  importCheckpointKey,
  importPublicKey,
  inclusionProof,
  keyIdOf,
  leafHashOf,
  MemoryTree,
  RECEIPT_FORMAT,
  signCheckpoint,
  toHex,
  treeRoot,
  verifyReceipt,
  type LeafEvent,
  type Receipt,
} from '#audit';
import { nodeCheckpointKey } from './node-checkpoint-key.js';
import { nativeHasher } from './tree/native-hasher.js';

const event = (i: number): LeafEvent => ({
  stream: `determination-${i}`,
  revision: 0,
  type: 'DeterminationIssued',
  data: { outcome: 'LICENSE_REQUIRED', n: i },
  metadata: { actor: 'ana', schemaVersion: 1, prevHash: '', hash: 'ab'.repeat(32) },
  recordedAt: '2026-01-02T03:04:05.678Z',
});

/** Receipts for every leaf of a 13-leaf log at a checkpoint of 11, and the public key's PEM. */
async function receipts(): Promise<{ pem: string; otherPem: string; receipts: Receipt[] }> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const pem = await exportSPKI(publicKey);
  const keyId = await keyIdOf(await importPublicKey(pem));
  const tree = new MemoryTree(defaultHasher);
  for (let i = 0; i < 13; i++) tree.append(leafHashOf(defaultHasher, event(i)));
  const checkpoint = await signCheckpoint(
    { treeSize: 11, rootHash: toHex(treeRoot(tree, defaultHasher, 11)), issuedAt: '2026-01-02T03:05:00.000Z', keyId },
    privateKey,
  );
  const all = Array.from({ length: 11 }, (_, i): Receipt => ({
    format: RECEIPT_FORMAT,
    event: event(i),
    position: i + 1,
    leafIndex: i,
    leafHash: toHex(tree.leaf(i)),
    inclusionProof: { treeSize: 11, hashes: inclusionProof(tree, defaultHasher, i, 11).map(toHex) },
    anchor: 'logged',
    checkpoint,
  }));
  const otherPem = await exportSPKI((await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true })).publicKey);
  return { pem, otherPem, receipts: all };
}

/** The receipt with the character at `at` (modulo the length) of one of its texts changed. */
function tampered(receipt: Receipt, field: number, at: number, by: number): Receipt {
  const copy = structuredClone(receipt);
  const change = (text: string) => {
    const i = at % text.length;
    // Hex stays hex and base64url stays base64url, so the change reaches the hash or the signature check.
    const alphabet = /[0-9a-f]/.test(text[i]!) ? '0123456789abcdef' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const next = alphabet[(alphabet.indexOf(text[i]!) + 1 + (by % (alphabet.length - 1))) % alphabet.length] ?? '~';
    return text.slice(0, i) + next + text.slice(i + 1);
  };
  if (field === 0) copy.leafHash = change(copy.leafHash);
  else if (field === 1) copy.checkpoint.signature = change(copy.checkpoint.signature);
  else if (field === 2) copy.checkpoint.document = change(copy.checkpoint.document);
  else if (field === 3) copy.event.stream = change(copy.event.stream);
  else {
    const hashes = copy.inclusionProof.hashes;
    hashes[at % hashes.length] = change(hashes[at % hashes.length]!);
  }
  return copy;
}

describe('nodeCheckpointKey (node:crypto) against importCheckpointKey (WebCrypto)', () => {
  it('derives the same key id, and rejects a key that is not Ed25519', async () => {
    const { pem } = await receipts();
    const { publicKey } = await generateKeyPair('ES256', { extractable: true });

    expect((await nodeCheckpointKey(pem)).keyId).toBe((await importCheckpointKey(pem)).keyId);
    await expect(nodeCheckpointKey(`${pem.slice(0, 40)}`)).rejects.toThrow();
    const ecPem = await exportSPKI(publicKey);
    await expect(nodeCheckpointKey(ecPem)).rejects.toThrow(/not an Ed25519 public key/);
  });

  it('accepts and refuses the same receipts with the same reasons, on the pure and the native hasher', async () => {
    const { pem, otherPem, receipts: all } = await receipts();
    const web = await importCheckpointKey(pem);
    const node = await nodeCheckpointKey(pem);
    const verdicts = async (receipt: Receipt, webKey = web, nodeKey = node) => [
      await verifyReceipt(receipt, webKey, defaultHasher),
      await verifyReceipt(receipt, nodeKey, nativeHasher),
    ];

    for (const receipt of all) {
      const [inBrowser, onNode] = await verdicts(receipt);
      expect(inBrowser).toMatchObject({ valid: true, leafIndex: receipt.leafIndex });
      expect(onNode).toEqual(inBrowser);
    }
    const [otherInBrowser, otherOnNode] = await verdicts(all[3]!, await importCheckpointKey(otherPem), await nodeCheckpointKey(otherPem));
    expect(otherInBrowser).toMatchObject({ valid: false });
    expect(otherOnNode).toEqual(otherInBrowser);

    // Not every change refuses: the signature's last base64url character carries 4 unused bits.
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(10), fc.nat(4), fc.nat(10_000), fc.nat(100), async (leaf, field, at, by) => {
        const [inBrowser, onNode] = await verdicts(tampered(all[leaf]!, field, at, by));
        if (!inBrowser!.valid) refused++;
        expect(onNode).toEqual(inBrowser);
      }),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(270);
  });
});
