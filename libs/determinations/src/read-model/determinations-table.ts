import type Database from 'better-sqlite3';
import type { EventStoreKind } from '#api-kit';
import type { DeterminationIssued } from '#domain';

/**
 * Where a node finds a determination's document (its result and trace, most of its bytes) for a
 * page of search results (ADR 035): in the store, when the store is at hand whenever the node is
 * (the embedded store, whose file holds the read model too, or the in-memory one); in a table of
 * the read model's own when the store is a server that can be unreachable, so that searches still
 * answer from local state during an outage (the scale-out e2e test holds this).
 */
export type DocumentPlacement = 'store' | 'read-model';

export function documentPlacement(storeKind: EventStoreKind): DocumentPlacement {
  return storeKind === 'eventstoredb' ? 'read-model' : 'store';
}

/** Disposable read model: rebuilt from the store by `policyctl rebuild`, or when its shape changes (`fresh`). */
export function createDeterminationTables(db: Database.Database, fresh: boolean, documents: DocumentPlacement = 'store'): void {
  createDeterminationTable(db, fresh, documents);
  createDeterminationIndexes(db);
}

/**
 * The table alone, without its secondary indexes: a fresh build loads its rows first and builds
 * the indexes once at the end (createDeterminationIndexes), one sort each instead of a B-tree
 * insert per row and index.
 */
export function createDeterminationTable(db: Database.Database, fresh: boolean, documents: DocumentPlacement = 'store'): void {
  if (fresh) db.exec('DROP TABLE IF EXISTS rm_determinations; DROP TABLE IF EXISTS rm_determination_documents');
  if (documents === 'read-model') db.exec('CREATE TABLE IF NOT EXISTS rm_determination_documents (position INTEGER PRIMARY KEY, document TEXT NOT NULL)');
  db.exec(`
    CREATE TABLE IF NOT EXISTS rm_determinations (
      id TEXT NOT NULL,
      -- The rowid: rows arrive in log order, so each insert appends to the table's B-tree, where
      -- a random id as the key put every ~12 KB row in a random page (a unique index on id follows).
      position INTEGER PRIMARY KEY,
      policy_id TEXT NOT NULL,
      destination TEXT NOT NULL,
      consignee_id TEXT NOT NULL,
      outcome TEXT NOT NULL,
      valid_at TEXT NOT NULL,
      issued_at TEXT NOT NULL,
      issued_by TEXT NOT NULL,
      reference TEXT,
      input TEXT NOT NULL,
      ledger TEXT NOT NULL
    )
  `);
}

/** The secondary indexes the searches and the impact analysis read (idempotent: what exists is kept). */
export function createDeterminationIndexes(db: Database.Database): void {
  db.exec(`
    -- Every id once; built after a fresh build's rows like the others.
    CREATE UNIQUE INDEX IF NOT EXISTS rm_determinations_id ON rm_determinations (id);
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

const INSERT_DETERMINATION = `INSERT INTO rm_determinations (id, position, policy_id, destination, consignee_id, outcome, valid_at, issued_at, issued_by, reference, input, ledger)
  VALUES (@id, @position, @policyId, @destination, @consigneeId, @outcome, @validAt, @issuedAt, @issuedBy, @reference, @input, @ledger)`;

const INSERT_DOCUMENT = 'INSERT INTO rm_determination_documents (position, document) VALUES (?, ?)';

/** Prepared once per connection: preparing costs about as much as the insert itself. */
const insertStatements = new WeakMap<Database.Database, Database.Statement>();
const documentStatements = new WeakMap<Database.Database, Database.Statement>();

/**
 * The row of an issued determination: the columns searches filter on and the input and ledger the
 * impact analysis re-evaluates. The document itself goes where `documents` says: with the
 * store's, none is written (a catching-up node does not copy about 8 KB per determination into its
 * read model); with the read model's, into a table of its own, so the searched rows stay small.
 */
export function insertDetermination(db: Database.Database, data: DeterminationIssued, position: number, documents: DocumentPlacement = 'store'): void {
  let insert = insertStatements.get(db);
  if (!insert) insertStatements.set(db, (insert = db.prepare(INSERT_DETERMINATION)));
  const input = JSON.stringify(data.input);
  const ledger = JSON.stringify(data.ledger);
  insert.run({
    id: data.determinationId,
    position,
    policyId: data.policyId,
    destination: data.input.destination,
    consigneeId: data.input.consignee.id,
    outcome: data.result.outcome,
    validAt: data.coordinates.validAt,
    issuedAt: data.issuedAt,
    issuedBy: data.issuedBy,
    reference: data.reference ?? null,
    input,
    ledger,
  });
  if (documents === 'store') return;
  let insertDocument = documentStatements.get(db);
  if (!insertDocument) documentStatements.set(db, (insertDocument = db.prepare(INSERT_DOCUMENT)));
  insertDocument.run(position, documentText(data, position, input, ledger));
}

/** The documents of a page's positions kept in the read model, if it keeps them (undefined: read them from the store). */
export function readModelDocuments(db: Database.Database, positions: number[]): Map<number, string> | undefined {
  const kept = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rm_determination_documents'").get();
  if (!kept || positions.length === 0) return kept ? new Map() : undefined;
  const rows = db
    .prepare(`SELECT position, document FROM rm_determination_documents WHERE position IN (${positions.map(() => '?').join(',')})`)
    .all(...positions) as Array<{ position: number; document: string }>;
  return new Map(rows.map((row) => [row.position, row.document]));
}

/**
 * JSON.stringify(toDetermination(data, position)), written around the texts of the input and the
 * ledger the row stores anyway: the result's text, then the fields toDetermination adds after it
 * (none of them a result field), in its order. A catching-up node keeping documents writes one per
 * determination, and spreading the result into a new object and serializing the input twice was a
 * tenth of it.
 */
export function documentText(data: DeterminationIssued, position: number, input: string, ledger: string): string {
  const result = JSON.stringify(data.result);
  const reference = data.reference === undefined ? '' : `,"reference":${JSON.stringify(data.reference)}`;
  return (
    `${result.slice(0, -1)},"id":${JSON.stringify(data.determinationId)},"policyId":${JSON.stringify(data.policyId)}` +
    `,"issuedAt":${JSON.stringify(data.issuedAt)},"issuedBy":${JSON.stringify(data.issuedBy)},"input":${input}${reference}` +
    `,"ledger":${ledger},"position":${position}}`
  );
}
