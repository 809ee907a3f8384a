import type Database from 'better-sqlite3';

/** The read models' checkpoints: for each projection, the position of the last event its tables hold. */
export function createCheckpointTable(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
}

export function readCheckpoint(db: Database.Database, name: string): number | undefined {
  createCheckpointTable(db);
  const row = db.prepare('SELECT position FROM projection_checkpoints WHERE name = ?').get(name) as { position: number } | undefined;
  return row?.position;
}

export function saveCheckpoint(db: Database.Database, name: string, position: number): void {
  db.prepare('INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position').run(
    name,
    position,
  );
}

/** Forgets a projection's checkpoint: the next start rebuilds it from the start of the log. */
export function dropCheckpoint(db: Database.Database, name: string): void {
  createCheckpointTable(db);
  db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(name);
}
