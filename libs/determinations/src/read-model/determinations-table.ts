import type Database from 'better-sqlite3';
import type { DeterminationType } from '../graphql/determination.type.js';

/** Versioned: a read model written by an older shape has no checkpoint under this name and is rebuilt. */
export const PROJECTION_NAME = 'determinations@2';

/** Disposable read model: rebuilt from the store by `policyctl rebuild`, or when its shape changes. */
export function createDeterminationTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY,
      position INTEGER NOT NULL
    );`);
  const current = db.prepare('SELECT 1 FROM projection_checkpoints WHERE name = ?').get(PROJECTION_NAME);
  if (!current) db.exec('DROP TABLE IF EXISTS rm_determinations');
  db.exec(`
    CREATE TABLE IF NOT EXISTS rm_determinations (
      id TEXT PRIMARY KEY,
      position INTEGER NOT NULL UNIQUE,
      policy_id TEXT NOT NULL,
      destination TEXT NOT NULL,
      consignee_id TEXT NOT NULL,
      outcome TEXT NOT NULL,
      valid_at TEXT NOT NULL,
      issued_at TEXT NOT NULL,
      issued_by TEXT NOT NULL,
      reference TEXT,
      input TEXT NOT NULL,
      ledger TEXT NOT NULL,
      document TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS rm_determinations_destination ON rm_determinations (destination, position);
    CREATE INDEX IF NOT EXISTS rm_determinations_consignee ON rm_determinations (consignee_id, position);
    CREATE INDEX IF NOT EXISTS rm_determinations_valid_at ON rm_determinations (valid_at);
    -- The console's Rulings search (determinations(filter, orderBy)): every filter it offers has an index.
    CREATE INDEX IF NOT EXISTS rm_determinations_reference ON rm_determinations (reference);
    CREATE INDEX IF NOT EXISTS rm_determinations_outcome ON rm_determinations (outcome, position);
    CREATE INDEX IF NOT EXISTS rm_determinations_issued_at ON rm_determinations (issued_at, position);
  `);
}

export function readCheckpoint(db: Database.Database, name: string): number | undefined {
  const row = db.prepare('SELECT position FROM projection_checkpoints WHERE name = ?').get(name) as { position: number } | undefined;
  return row?.position;
}

const INSERT_DETERMINATION = `INSERT INTO rm_determinations (id, position, policy_id, destination, consignee_id, outcome, valid_at, issued_at, issued_by, reference, input, ledger, document)
  VALUES (@id, @position, @policyId, @destination, @consigneeId, @outcome, @validAt, @issuedAt, @issuedBy, @reference, @input, @ledger, @document)`;

/** Prepared once per connection: preparing costs about as much as the insert itself. */
const insertStatements = new WeakMap<Database.Database, Database.Statement>();

export function insertDetermination(db: Database.Database, determination: DeterminationType, validAt: string): void {
  let insert = insertStatements.get(db);
  if (!insert) insertStatements.set(db, (insert = db.prepare(INSERT_DETERMINATION)));
  insert.run({
    id: determination.id,
    position: determination.position,
    policyId: determination.policyId,
    destination: (determination.input as { destination: string }).destination,
    consigneeId: (determination.input as { consignee: { id: string } }).consignee.id,
    outcome: determination.outcome,
    validAt,
    issuedAt: determination.issuedAt,
    issuedBy: determination.issuedBy,
    reference: determination.reference ?? null,
    input: JSON.stringify(determination.input),
    ledger: JSON.stringify(determination.ledger),
    document: JSON.stringify(determination),
  });
}

export function saveCheckpoint(db: Database.Database, name: string, position: number): void {
  db.prepare('INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position').run(
    name,
    position,
  );
}
