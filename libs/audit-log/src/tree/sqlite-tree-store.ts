import type Database from 'better-sqlite3';
import { CompactRange, toHex, treeRoot, type MerkleHasher, type SignedCheckpoint, type TreeNodes } from '#audit';

/** Node ids pack (level, index) into one integer key: level * 2^44 + index (exact below 2^53). */
const LEVEL_STRIDE = 2 ** 44;

/**
 * The lowest level kept in audit_tree_nodes. Leaf hashes (level 0) are kept on the leaf's own row,
 * and the nodes of levels 1 to 3 are not kept: each is folded from at most 8 leaf hashes read in one
 * range when a proof needs it. Appending a leaf then writes one row and one index entry, and about
 * one node row per 8 leaves (subtrees of 16, 32, 64... leaves), instead of about three rows.
 */
const FIRST_STORED_LEVEL = 4;

export interface AppendedLeaf {
  position: number;
  hash: Uint8Array;
  /** Set when the leaf is a checkpoint written to the log: recorded if its root matches this tree. */
  checkpoint?: SignedCheckpoint;
}

/** A checkpoint as the log holds it, with where it sits in the tree. */
export interface LoggedCheckpoint {
  checkpoint: SignedCheckpoint;
  /** The checkpoint event's own leaf index and commit position. */
  leafIndex: number;
  position: number;
}

/** A logged checkpoint whose root is not this tree's root at its size: the logs differ. */
export interface CheckpointMismatch {
  checkpoint: SignedCheckpoint;
  leafIndex: number;
  rootHere: string;
}

/**
 * The audit tree's tables in the read-model database (the embedded store's own file when the
 * store is SQLite): each leaf's commit position and hash, the complete nodes from level 4 up (the
 * ones below are folded from their leaves when asked for), and how far the tree has applied the
 * log. A batch of leaves, its nodes and the new size commit in one transaction, so a crash never
 * leaves a partial tree. Proofs read about 2 log2(n) rows by primary key, 8 leaves for a folded
 * node; appends write one row per leaf, about one node row per 8 leaves, and read nothing (the compact
 * range of the right edge stays in memory).
 */
export class SqliteTreeStore implements TreeNodes {
  private range: CompactRange;
  private appliedPosition: number;
  private readonly stmt: {
    node: Database.Statement<[number]>;
    leafHash: Database.Statement<[number]>;
    leafHashes: Database.Statement<[number, number]>;
    insertNode: Database.Statement<[number, Uint8Array]>;
    insertLeaf: Database.Statement<[number, number, Uint8Array]>;
    saveState: Database.Statement<[number, number]>;
    leafAt: Database.Statement<[number]>;
    insertCheckpoint: Database.Statement<[number, number, number, string]>;
    latestCheckpoint: Database.Statement<[]>;
    firstCheckpointAbove: Database.Statement<[number]>;
    state: Database.Statement<[]>;
  };
  /** Called for a logged checkpoint whose root differs from this tree's (the batch still commits). */
  onMismatch: (mismatch: CheckpointMismatch) => void = () => {};

  constructor(
    readonly database: Database.Database,
    private readonly hasher: MerkleHasher,
  ) {
    createTreeTables(database);
    this.stmt = {
      node: database.prepare('SELECT hash FROM audit_tree_nodes WHERE id = ?').pluck(),
      leafHash: database.prepare('SELECT hash FROM audit_tree_leaves WHERE leaf_index = ?').pluck(),
      leafHashes: database.prepare('SELECT hash FROM audit_tree_leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index').pluck(),
      insertNode: database.prepare('INSERT OR REPLACE INTO audit_tree_nodes (id, hash) VALUES (?, ?)'),
      insertLeaf: database.prepare('INSERT OR REPLACE INTO audit_tree_leaves (leaf_index, position, hash) VALUES (?, ?, ?)'),
      saveState: database.prepare('INSERT OR REPLACE INTO audit_tree_state (id, tree_size, position) VALUES (1, ?, ?)'),
      leafAt: database.prepare('SELECT leaf_index FROM audit_tree_leaves WHERE position = ?').pluck(),
      insertCheckpoint: database.prepare('INSERT OR REPLACE INTO audit_tree_checkpoints (tree_size, leaf_index, position, checkpoint) VALUES (?, ?, ?, ?)'),
      latestCheckpoint: database.prepare('SELECT leaf_index, position, checkpoint FROM audit_tree_checkpoints ORDER BY tree_size DESC LIMIT 1'),
      firstCheckpointAbove: database.prepare(
        'SELECT leaf_index, position, checkpoint FROM audit_tree_checkpoints WHERE tree_size > ? ORDER BY tree_size LIMIT 1',
      ),
      state: database.prepare('SELECT tree_size, position FROM audit_tree_state WHERE id = 1'),
    };
    ({ range: this.range, position: this.appliedPosition } = this.committed());
  }

  /**
   * Forgets what is not committed: after a rolled-back transaction that held an append (the
   * projection processor's batch), the in-memory edge and position are those of the tables again.
   */
  reload(): void {
    ({ range: this.range, position: this.appliedPosition } = this.committed());
  }

  private committed(): { range: CompactRange; position: number } {
    const state = this.stmt.state.get() as { tree_size: number; position: number } | undefined;
    return { range: CompactRange.at(this.hasher, state?.tree_size ?? 0, (level, index) => this.node(level, index)), position: state?.position ?? 0 };
  }

  get size(): number {
    return this.range.size;
  }

  /** The commit position of the last event the tree has applied (0: none). */
  get position(): number {
    return this.appliedPosition;
  }

  /** The current root (MTH of every leaf so far). */
  root(): Uint8Array {
    return this.range.root();
  }

  /**
   * Appends leaves in commit order with the position the tree has now applied, in one
   * transaction: the caller's when it has one open (the projection processor's batch), else its
   * own. Not a nested one: better-sqlite3 makes that a savepoint, and SQLite then copies every page
   * the batch changes into a statement journal in a temporary file, which tripled the cost of an
   * append (5 to 14 us a leaf). A caller whose transaction holds an append that failed must roll
   * it back, as the processor does. On failure the in-memory edge is rebuilt from what did commit.
   */
  append(leaves: AppendedLeaf[], position: number): void {
    try {
      if (this.database.inTransaction) this.appendRows(leaves, position);
      else this.database.transaction(() => this.appendRows(leaves, position)).immediate();
      this.appliedPosition = position;
    } catch (error) {
      this.reload();
      throw error;
    }
  }

  private appendRows(leaves: AppendedLeaf[], position: number): void {
    for (const leaf of leaves) {
      const leafIndex = this.range.size;
      this.stmt.insertLeaf.run(leafIndex, leaf.position, leaf.hash);
      for (const node of this.range.append(leaf.hash)) {
        if (node.level >= FIRST_STORED_LEVEL) this.stmt.insertNode.run(node.level * LEVEL_STRIDE + node.index, node.hash);
      }
      if (leaf.checkpoint) this.recordCheckpoint(leaf.checkpoint, leafIndex, leaf.position);
    }
    this.stmt.saveState.run(this.range.size, position);
  }

  node(level: number, index: number): Uint8Array {
    const hash =
      level >= FIRST_STORED_LEVEL
        ? (this.stmt.node.get(level * LEVEL_STRIDE + index) as Uint8Array | undefined)
        : level === 0
          ? (this.stmt.leafHash.get(index) as Uint8Array | undefined)
          : this.foldedNode(level, index);
    if (!hash) throw new RangeError(`the audit tree has no node at level ${level}, index ${index}`);
    return hash;
  }

  leafHash(index: number): Uint8Array {
    return this.node(0, index);
  }

  /** A node below the first stored level, folded from its leaves (undefined if any is missing). */
  private foldedNode(level: number, index: number): Uint8Array | undefined {
    const width = 2 ** level;
    let hashes = this.stmt.leafHashes.all(index * width, (index + 1) * width) as Uint8Array[];
    if (hashes.length !== width) return undefined;
    while (hashes.length > 1) hashes = Array.from({ length: hashes.length / 2 }, (_, i) => this.hasher.nodeHash(hashes[2 * i]!, hashes[2 * i + 1]!));
    return hashes[0];
  }

  /** The leaf index of the event at a commit position, if the tree has it. */
  leafIndexAt(position: number): number | undefined {
    return this.stmt.leafAt.get(position) as number | undefined;
  }

  /** The root of the first `size` leaves. */
  rootAt(size: number): Uint8Array {
    return treeRoot(this, this.hasher, size);
  }

  /** The checkpoint latest in the log, if any. */
  latestCheckpoint(): LoggedCheckpoint | undefined {
    return toLogged(this.stmt.latestCheckpoint.get());
  }

  /** The first checkpoint in the log that covers leaf `index` (its tree size is above the index). */
  firstCheckpointCovering(index: number): LoggedCheckpoint | undefined {
    return toLogged(this.stmt.firstCheckpointAbove.get(index));
  }

  private recordCheckpoint(checkpoint: SignedCheckpoint, leafIndex: number, position: number): void {
    const rootHere = checkpoint.treeSize <= leafIndex ? toHex(this.rootAt(checkpoint.treeSize)) : undefined;
    if (rootHere !== checkpoint.rootHash) {
      this.onMismatch({ checkpoint, leafIndex, rootHere: rootHere ?? `none (the tree had ${leafIndex} leaves)` });
      return;
    }
    this.stmt.insertCheckpoint.run(checkpoint.treeSize, leafIndex, position, JSON.stringify(checkpoint));
  }
}

function toLogged(row: unknown): LoggedCheckpoint | undefined {
  if (!row) return undefined;
  const { leaf_index, position, checkpoint } = row as { leaf_index: number; position: number; checkpoint: string };
  return { leafIndex: leaf_index, position, checkpoint: JSON.parse(checkpoint) as SignedCheckpoint };
}

export function createTreeTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS audit_tree_nodes (id INTEGER PRIMARY KEY, hash BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS audit_tree_leaves (leaf_index INTEGER PRIMARY KEY, position INTEGER NOT NULL UNIQUE, hash BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS audit_tree_state (id INTEGER PRIMARY KEY CHECK (id = 1), tree_size INTEGER NOT NULL, position INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS audit_tree_checkpoints (tree_size INTEGER PRIMARY KEY, leaf_index INTEGER NOT NULL, position INTEGER NOT NULL, checkpoint TEXT NOT NULL);
  `);
  moveLeafHashesToLeaves(db);
}

/**
 * A tree kept by earlier code held every node, leaf hashes included, in audit_tree_nodes: its leaf
 * hashes move onto the leaves' rows and the nodes below FIRST_STORED_LEVEL go, in one transaction
 * (a few seconds per million leaves, once). The hashes themselves are unchanged.
 */
function moveLeafHashesToLeaves(db: Database.Database): void {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('audit_tree_leaves') as string[];
  if (columns.includes('hash')) return;
  db.transaction(() => {
    db.exec('ALTER TABLE audit_tree_leaves ADD COLUMN hash BLOB');
    db.exec('UPDATE audit_tree_leaves SET hash = (SELECT hash FROM audit_tree_nodes WHERE audit_tree_nodes.id = audit_tree_leaves.leaf_index)');
    db.prepare('DELETE FROM audit_tree_nodes WHERE id < ?').run(FIRST_STORED_LEVEL * LEVEL_STRIDE);
  }).immediate();
}
