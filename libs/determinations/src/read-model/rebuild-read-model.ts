import type Database from 'better-sqlite3';
import type { EventStore } from '#event-store';
import { checkpointName, dropCheckpoint, ProjectionProcessor } from '#projections';
import { determinationsReadModel } from './determinations.projection.js';
import type { DocumentPlacement } from './determinations-table.js';

/**
 * Drops the determinations read model and replays it from the store. Run it with the API stopped
 * (or on a node out of the load balancer): a running node keeps its own projection position.
 */
export async function rebuildDeterminationsReadModel(
  store: EventStore,
  db: Database.Database,
  documents: DocumentPlacement = 'store',
): Promise<{ position: number; rows: number }> {
  const projection = determinationsReadModel(undefined, documents);
  dropCheckpoint(db, checkpointName(projection));
  const processor = new ProjectionProcessor(store, [projection], { readModel: db });
  await processor.start();
  await processor.stop();
  const { rows } = db.prepare('SELECT COUNT(*) AS rows FROM rm_determinations').get() as { rows: number };
  return { position: processor.appliedPosition(projection.name), rows };
}
