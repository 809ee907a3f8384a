import type { LiveFeed } from '#api-kit';
import type { ReadModelProjection } from '#projections';
import { DETERMINATION_ISSUED, DETERMINATION_STREAM_PREFIX, type DeterminationIssued } from '#domain';
import { DETERMINATION_ISSUED_TOPIC, fromRecordedEvent } from '../determination-record.js';
import {
  createDeterminationIndexes,
  createDeterminationTable,
  createDeterminationTables,
  insertDetermination,
  type DocumentPlacement,
} from './determinations-table.js';

/**
 * The determinations read model (rm_determinations): listings, filters and impact analysis read it.
 * With a feed, each determination is published to `determinationIssued` subscribers once committed.
 * `documents` says where searches find the documents (determinations-table.ts, documentPlacement).
 */
export function determinationsReadModel(feed?: LiveFeed, documents: DocumentPlacement = 'store'): ReadModelProjection {
  return {
    name: 'determinations',
    // Above every checkpoint name earlier code wrote (determinations@2, @3 for engine 2's documents,
    // @4 whose rows held the whole document, @5 keyed by id): their tables are rebuilt.
    version: 6,
    events: { streamPrefix: DETERMINATION_STREAM_PREFIX, eventTypes: [DETERMINATION_ISSUED] },
    storage: 'read-model',
    // Each document parsed as its row is written and dropped with it: none outlives the young generation.
    storedText: true,
    // A fresh build loads its rows into the bare table and builds the indexes once it has caught
    // up, before the node serves (a searchable table is indexed); a resumed one has its indexes
    // from the start, built here if a fresh build stopped before its end.
    prepare(db, fresh) {
      if (fresh) createDeterminationTable(db, true, documents);
      else createDeterminationTables(db, false, documents);
    },
    caughtUp: createDeterminationIndexes,
    apply(events, db) {
      for (const event of events) {
        insertDetermination(db, event.data as DeterminationIssued, event.position, documents);
      }
    },
    committed(events) {
      if (!feed?.listening(DETERMINATION_ISSUED_TOPIC)) return;
      for (const event of events) feed.publish(DETERMINATION_ISSUED_TOPIC, fromRecordedEvent(event));
    },
  };
}
