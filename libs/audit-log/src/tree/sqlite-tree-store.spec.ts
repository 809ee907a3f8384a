import Database from 'better-sqlite3';
import { consistencyProof, inclusionProof, MemoryTree, toHex } from '#audit';
import { nativeHasher } from './native-hasher.js';
import { SqliteTreeStore } from './sqlite-tree-store.js';

const leaf = (n: number) => nativeHasher.leafHash(new TextEncoder().encode(`leaf ${n}`));
const hex = (hashes: Uint8Array[]) => hashes.map(toHex);

/** Appends `count` leaves to both trees, in batches of up to 7 as the projection does. */
function grow(stored: SqliteTreeStore, reference: MemoryTree, count: number): void {
  for (let n = stored.size; n < count;) {
    const batch = Array.from({ length: Math.min(7, count - n) }, (_, i) => ({ position: 10 * (n + i + 1), hash: leaf(n + i) }));
    stored.append(batch, batch.at(-1)!.position);
    for (const each of batch) reference.append(each.hash);
    n += batch.length;
  }
}

describe('SqliteTreeStore', () => {
  let db: Database.Database;
  beforeEach(() => (db = new Database(':memory:')));
  afterEach(() => db.close());

  it('finds the leaf of every commit position it holds, and none for positions between or beyond them', () => {
    const stored = new SqliteTreeStore(db, nativeHasher);
    expect(stored.leafIndexAt(10)).toBeUndefined();
    grow(stored, new MemoryTree(nativeHasher), 37);
    for (let index = 0; index < 37; index++) {
      expect(stored.leafIndexAt(10 * (index + 1))).toBe(index);
      expect(stored.leafIndexAt(10 * (index + 1) + 5)).toBeUndefined();
    }
    expect(stored.leafIndexAt(0)).toBeUndefined();
    expect(stored.leafIndexAt(10 * 38)).toBeUndefined();
  });

  it('serves every complete node, stored or folded from its leaves, and the proofs built on them, as the whole tree in memory does', () => {
    const stored = new SqliteTreeStore(db, nativeHasher);
    const reference = new MemoryTree(nativeHasher);
    grow(stored, reference, 300);
    for (let level = 0; 2 ** level <= 300; level++) {
      for (let index = 0; (index + 1) * 2 ** level <= 300; index++) expect(toHex(stored.node(level, index))).toBe(toHex(reference.node(level, index)));
      expect(() => stored.node(level, Math.floor(300 / 2 ** level))).toThrow(RangeError);
    }
    for (const size of [1, 2, 15, 16, 17, 255, 256, 299, 300]) {
      expect(toHex(stored.rootAt(size))).toBe(toHex(new SqliteTreeStore(db, nativeHasher).rootAt(size)));
      for (const index of [0, size >> 1, size - 1])
        expect(hex(inclusionProof(stored, nativeHasher, index, size))).toEqual(hex(inclusionProof(reference, nativeHasher, index, size)));
      expect(hex(consistencyProof(stored, nativeHasher, 1 + (size >> 2), size))).toEqual(hex(consistencyProof(reference, nativeHasher, 1 + (size >> 2), size)));
    }
    expect(toHex(stored.root())).toBe(toHex(reference.root()));
  });

  it('keeps one node row per 16 leaves, the leaf hashes on the leaves rows', () => {
    grow(new SqliteTreeStore(db, nativeHasher), new MemoryTree(nativeHasher), 256);
    expect(db.prepare('SELECT COUNT(*) FROM audit_tree_leaves WHERE hash IS NOT NULL').pluck().get()).toBe(256);
    // Levels 4 to 8 of 256 leaves: 16 + 8 + 4 + 2 + 1 nodes.
    expect(db.prepare('SELECT COUNT(*) FROM audit_tree_nodes').pluck().get()).toBe(31);
  });

  it("appends inside the caller's open transaction, and forgets the append, whole, when the caller rolls back", () => {
    const stored = new SqliteTreeStore(db, nativeHasher);
    const reference = new MemoryTree(nativeHasher);
    grow(stored, reference, 20);
    db.exec('BEGIN IMMEDIATE');
    stored.append([{ position: 1000, hash: leaf(20) }], 1000);
    expect(stored.size).toBe(21);
    db.exec('ROLLBACK');
    stored.reload();
    expect(stored.size).toBe(20);
    expect(stored.position).toBe(200);
    expect(toHex(stored.root())).toBe(toHex(reference.root()));
    expect(toHex(new SqliteTreeStore(db, nativeHasher).root())).toBe(toHex(reference.root()));
    // A leaf without a hash fails the append halfway; the caller's rollback leaves the committed tree.
    db.exec('BEGIN IMMEDIATE');
    expect(() =>
      stored.append(
        [
          { position: 1000, hash: leaf(20) },
          { position: 1010, hash: null as unknown as Uint8Array },
        ],
        1010,
      ),
    ).toThrow(/NOT NULL/);
    db.exec('ROLLBACK');
    stored.reload();
    expect(stored.size).toBe(20);
    grow(stored, reference, 25);
    expect(toHex(new SqliteTreeStore(db, nativeHasher).root())).toBe(toHex(reference.root()));
  });

  it('moves a tree kept by earlier code (every node in audit_tree_nodes) to this layout, hashes and root unchanged', () => {
    const reference = new MemoryTree(nativeHasher);
    for (let n = 0; n < 100; n++) reference.append(leaf(n));
    db.exec(`
      CREATE TABLE audit_tree_nodes (id INTEGER PRIMARY KEY, hash BLOB NOT NULL);
      CREATE TABLE audit_tree_leaves (leaf_index INTEGER PRIMARY KEY, position INTEGER NOT NULL UNIQUE);
      CREATE TABLE audit_tree_state (id INTEGER PRIMARY KEY CHECK (id = 1), tree_size INTEGER NOT NULL, position INTEGER NOT NULL);
    `);
    const insertNode = db.prepare('INSERT INTO audit_tree_nodes (id, hash) VALUES (?, ?)');
    for (let level = 0; 2 ** level <= 100; level++)
      for (let index = 0; (index + 1) * 2 ** level <= 100; index++) insertNode.run(level * 2 ** 44 + index, reference.node(level, index));
    for (let n = 0; n < 100; n++) db.prepare('INSERT INTO audit_tree_leaves (leaf_index, position) VALUES (?, ?)').run(n, 10 * (n + 1));
    db.prepare('INSERT INTO audit_tree_state (id, tree_size, position) VALUES (1, 100, 1000)').run();

    const stored = new SqliteTreeStore(db, nativeHasher);
    expect(stored.size).toBe(100);
    expect(toHex(stored.root())).toBe(toHex(reference.root()));
    expect(
      db
        .prepare('SELECT COUNT(*) FROM audit_tree_nodes WHERE id < ?')
        .pluck()
        .get(4 * 2 ** 44),
    ).toBe(0);
    expect(hex(inclusionProof(stored, nativeHasher, 37, 100))).toEqual(hex(inclusionProof(reference, nativeHasher, 37, 100)));
    const reference2 = new MemoryTree(nativeHasher);
    for (let n = 0; n < 100; n++) reference2.append(leaf(n));
    grow(stored, reference2, 130);
    expect(toHex(stored.root())).toBe(toHex(reference2.root()));
    expect(stored.leafIndexAt(1000)).toBe(99);
  });
});
