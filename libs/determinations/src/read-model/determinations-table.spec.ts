import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { applicationSerializer } from '#api-kit';
import type { DeterminationIssued } from '#domain';
import { toDetermination } from '../determination-record.js';
import { createDeterminationTables, insertDetermination, readModelDocuments } from './determinations-table.js';

/** The stored versions of DeterminationIssued, upcast as a node reads them. */
function issued(path: string): DeterminationIssued {
  const stored = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
    data: unknown;
    schemaVersion?: number;
    metadata?: { schemaVersion: number };
  };
  return applicationSerializer().upcast('DeterminationIssued', stored.data, stored.schemaVersion ?? stored.metadata!.schemaVersion) as DeterminationIssued;
}

describe('insertDetermination', () => {
  const versions = ['../../../domain/test-fixtures/determination-issued.v1.json', '../../../domain/test-fixtures/determination-issued.v2.json'];

  it.each(versions)('writes the searched columns and the input and ledger, and leaves the document in the store (%s)', (path) => {
    const data = issued(path);
    const db = new Database(':memory:');
    createDeterminationTables(db, true);
    insertDetermination(db, data, 7);
    const row = db.prepare('SELECT * FROM rm_determinations').get() as Record<string, unknown>;
    expect(row).toEqual({
      id: data.determinationId,
      position: 7,
      policy_id: data.policyId,
      destination: data.input.destination,
      consignee_id: data.input.consignee.id,
      outcome: data.result.outcome,
      valid_at: data.coordinates.validAt,
      issued_at: data.issuedAt,
      issued_by: data.issuedBy,
      reference: data.reference,
      input: JSON.stringify(data.input),
      ledger: JSON.stringify(data.ledger),
    });
    expect(readModelDocuments(db, [7])).toBeUndefined();
    db.close();
  });

  it.each(versions)(
    'keeps the document JSON.stringify writes for toDetermination, with and without a reference, when the read model keeps documents (%s)',
    (path) => {
      const data = issued(path);
      const { reference, ...unreferenced } = data;
      expect(reference).toEqual(expect.any(String));
      const db = new Database(':memory:');
      createDeterminationTables(db, true, 'read-model');
      insertDetermination(db, data, 7, 'read-model');
      insertDetermination(db, { ...(unreferenced as DeterminationIssued), determinationId: 'other' }, 123456789012, 'read-model');
      const kept = readModelDocuments(db, [7, 123456789012, 99])!;
      expect(kept.get(7)).toBe(JSON.stringify(toDetermination(data, 7)));
      expect(kept.get(123456789012)).toBe(
        JSON.stringify(toDetermination({ ...(unreferenced as DeterminationIssued), determinationId: 'other' }, 123456789012)),
      );
      expect(kept.has(99)).toBe(false);
      db.close();
    },
  );

  it('drops the kept documents with the rows when rebuilt fresh', () => {
    const db = new Database(':memory:');
    createDeterminationTables(db, true, 'read-model');
    createDeterminationTables(db, true, 'store');
    expect(readModelDocuments(db, [1])).toBeUndefined();
    db.close();
  });
});
