import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { importPublicKey, verifyCheckpoint } from '#audit';
import { openMemoryEventStore, type EventStore } from '#event-store';
import { CheckpointWriter } from './checkpoint-writer.js';
import { loadSigningKey, type AuditSigningKey } from './signing-key.js';
import { AuditTreeProjection } from './tree/audit-tree-projection.js';
import { nativeHasher } from './tree/native-hasher.js';
import { SqliteTreeStore } from './tree/sqlite-tree-store.js';

describe('CheckpointWriter', () => {
  let dir: string;
  let store: EventStore;
  let key: AuditSigningKey;
  const nodes: { projection: AuditTreeProjection; db: Database.Database }[] = [];

  async function node(): Promise<AuditTreeProjection> {
    const db = new Database(':memory:');
    const projection = new AuditTreeProjection(store, new SqliteTreeStore(db, nativeHasher));
    await projection.start();
    nodes.push({ projection, db });
    return projection;
  }
  const record = async (n: number) => {
    let last = 0;
    for (let i = 0; i < n; i++)
      last = (await store.append(`determination-${randomUUID()}`, [{ id: randomUUID(), type: 'DeterminationIssued', data: { i } }], 'no_stream')).position;
    return last;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'policy-ledger-checkpoints-'));
    store = openMemoryEventStore();
    key = await loadSigningKey(undefined, dir);
  });
  afterEach(async () => {
    for (const { projection, db } of nodes.splice(0)) {
      await projection.stop();
      db.close();
    }
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a signed checkpoint when leaves are new, none for its own leaf alone, and the tree records it', async () => {
    const projection = await node();
    await projection.waitFor(await record(5), 5000);
    const writer = new CheckpointWriter(store, projection.tree, key);
    const first = await writer.writeIfDue();
    expect(first).toMatchObject({ treeSize: 5, keyId: key.keyId });
    await expect(verifyCheckpoint(first, await importPublicKey(key.publicKeyPem))).resolves.toMatchObject({ valid: true });
    const [logged] = await store.readStream('audit-checkpoints');
    await projection.waitFor(logged!.position, 5000);
    expect(projection.tree.latestCheckpoint()).toMatchObject({ leafIndex: 5, checkpoint: first });
    await expect(writer.writeIfDue()).resolves.toBeUndefined();
    await projection.waitFor(await record(1), 5000);
    await expect(writer.writeIfDue()).resolves.toMatchObject({ treeSize: 7 });
  });

  it('writes another when events landed between signing the last checkpoint and appending it', async () => {
    const projection = await node();
    await projection.waitFor(await record(2), 5000);
    const writer = new CheckpointWriter(store, projection.tree, key);
    // As an issue does (a ledger draw, then its determination): the determination is appended
    // while the checkpoint of the tree with the draw only is on its way to the log.
    const racing = record(1);
    const first = await writer.writeIfDue();
    const determination = await racing;
    expect(first).toMatchObject({ treeSize: 2 });
    const [logged] = await store.readStream('audit-checkpoints');
    expect(logged!.position).toBeGreaterThan(determination);
    await projection.waitFor(logged!.position, 5000);
    expect(projection.tree.leafIndexAt(determination)).toBe(2);
    expect(projection.tree.firstCheckpointCovering(2)).toBeUndefined();
    await expect(writer.writeIfDue()).resolves.toMatchObject({ treeSize: 4 });
    const [, second] = await store.readStream('audit-checkpoints');
    await projection.waitFor(second!.position, 5000);
    expect(projection.tree.firstCheckpointCovering(2)?.checkpoint.treeSize).toBe(4);
    await expect(writer.writeIfDue()).resolves.toBeUndefined();
  });

  it('lets the log decide between two nodes racing: one checkpoint lands, both serve it', async () => {
    const [a, b] = [await node(), await node()];
    const last = await record(3);
    await Promise.all([a.waitFor(last, 5000), b.waitFor(last, 5000)]);
    const written = await Promise.all([new CheckpointWriter(store, a.tree, key).writeIfDue(), new CheckpointWriter(store, b.tree, key).writeIfDue()]);
    expect(written.filter((c) => c !== undefined)).toHaveLength(1);
    const [logged] = await store.readStream('audit-checkpoints');
    await Promise.all([a.waitFor(logged!.position, 5000), b.waitFor(logged!.position, 5000)]);
    expect(a.tree.latestCheckpoint()).toEqual(b.tree.latestCheckpoint());
  });

  it('writes a checkpoint under a new key at once after a rotation, with nothing else new', async () => {
    const projection = await node();
    await projection.waitFor(await record(2), 5000);
    await new CheckpointWriter(store, projection.tree, key).writeIfDue();
    const [logged] = await store.readStream('audit-checkpoints');
    await projection.waitFor(logged!.position, 5000);
    const rotated = await loadSigningKey(undefined, join(dir, 'new'));
    const after = await new CheckpointWriter(store, projection.tree, rotated).writeIfDue();
    expect(after).toMatchObject({ treeSize: 3, keyId: rotated.keyId });
    expect(rotated.keyId).not.toBe(key.keyId);
  });
});
