import type Database from 'better-sqlite3';
import type { DeterminationType } from '../graphql/determination.type.js';

/** Versioned: a read model written by an older shape has no checkpoint under this name and is rebuilt. */
export const PROJECTION_NAME = 'determinations@3';

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
    -- The impact analysis counts and reads by valid time on this one.
    CREATE INDEX IF NOT EXISTS rm_determinations_valid_at ON rm_determinations (valid_at);
    -- The Rulings search (determinations(filter, orderBy)): one index per filter, in issued order
    -- after it, then every other filter's column, so a count or a page of positions is read from
    -- the index alone, whatever the combination (docs/adr/023-the-lawyers-console.md).
    DROP INDEX IF EXISTS rm_determinations_destination;
    DROP INDEX IF EXISTS rm_determinations_consignee;
    DROP INDEX IF EXISTS rm_determinations_reference;
    DROP INDEX IF EXISTS rm_determinations_outcome;
    DROP INDEX IF EXISTS rm_determinations_issued_at;
    -- Issued order with no equality to lead (nothing, or only dates: read in order until the page is full).
    CREATE INDEX IF NOT EXISTS rm_determinations_by_position ON rm_determinations (position, destination, consignee_id, outcome, valid_at, issued_at);
    CREATE INDEX IF NOT EXISTS rm_determinations_by_reference ON rm_determinations (reference, position);
    CREATE INDEX IF NOT EXISTS rm_determinations_by_destination ON rm_determinations (destination, position, consignee_id, outcome, valid_at, issued_at);
    CREATE INDEX IF NOT EXISTS rm_determinations_by_consignee ON rm_determinations (consignee_id, position, destination, outcome, valid_at, issued_at);
    CREATE INDEX IF NOT EXISTS rm_determinations_by_outcome ON rm_determinations (outcome, position, destination, consignee_id, valid_at, issued_at);
    CREATE INDEX IF NOT EXISTS rm_determinations_by_valid_at ON rm_determinations (valid_at, position, destination, consignee_id, outcome, issued_at);
    CREATE INDEX IF NOT EXISTS rm_determinations_by_issued_at ON rm_determinations (issued_at, position, destination, consignee_id, outcome, valid_at);
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
