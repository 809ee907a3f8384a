import type Database from 'better-sqlite3';
import { LiveFeed } from '#api-kit';
import type { EventStore } from '#event-store';
import { DeterminationsProjection } from './determinations.projection.js';
import { createDeterminationTables, PROJECTION_NAME } from './determinations-table.js';

/**
 * Drops the determinations read model and replays it from the store. Run it with the API stopped
 * (or on a node out of the load balancer): a running node keeps its own projection position.
 */
export async function rebuildDeterminationsReadModel(store: EventStore, db: Database.Database): Promise<{ position: number; rows: number }> {
  createDeterminationTables(db);
  db.transaction(() => {
    db.exec('DROP TABLE IF EXISTS rm_determinations');
    db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(PROJECTION_NAME);
  })();
  const feed = new LiveFeed();
  const projection = new DeterminationsProjection(store, db, feed);
  await projection.start();
  await projection.beforeApplicationShutdown();
  feed.onApplicationShutdown();
  const { rows } = db.prepare('SELECT COUNT(*) AS rows FROM rm_determinations').get() as { rows: number };
  return { position: projection.appliedPosition, rows };
}
