import type Database from 'better-sqlite3';
import type { DeterminationType } from '../graphql/determination.type.js';

export const PROJECTION_NAME = 'determinations';

/** Disposable read model: rebuilt from the store by `policyctl rebuild`. */
export function createDeterminationTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY,
      position INTEGER NOT NULL
    );
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
      document TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS rm_determinations_destination ON rm_determinations (destination, position);
    CREATE INDEX IF NOT EXISTS rm_determinations_consignee ON rm_determinations (consignee_id, position);
    CREATE INDEX IF NOT EXISTS rm_determinations_valid_at ON rm_determinations (valid_at);
  `);
}

export function readCheckpoint(db: Database.Database, name: string): number | undefined {
  const row = db.prepare('SELECT position FROM projection_checkpoints WHERE name = ?').get(name) as { position: number } | undefined;
  return row?.position;
}

export function insertDetermination(db: Database.Database, determination: DeterminationType, validAt: string): void {
  db.prepare(
    `INSERT INTO rm_determinations (id, position, policy_id, destination, consignee_id, outcome, valid_at, issued_at, issued_by, reference, document)
     VALUES (@id, @position, @policyId, @destination, @consigneeId, @outcome, @validAt, @issuedAt, @issuedBy, @reference, @document)`,
  ).run({
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
    document: JSON.stringify(determination),
  });
}

export function saveCheckpoint(db: Database.Database, name: string, position: number): void {
  db.prepare('INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position').run(name, position);
}
