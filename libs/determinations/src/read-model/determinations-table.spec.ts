import { readFileSync } from 'node:fs';
import { applicationSerializer } from '#api-kit';
import type { DeterminationIssued } from '#domain';
import { toDetermination } from '../determination-record.js';
import { documentText } from './determinations-table.js';

/** The stored versions of DeterminationIssued, upcast as a node reads them. */
function issued(path: string): DeterminationIssued {
  const stored = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
    data: unknown;
    schemaVersion?: number;
    metadata?: { schemaVersion: number };
  };
  return applicationSerializer().upcast('DeterminationIssued', stored.data, stored.schemaVersion ?? stored.metadata!.schemaVersion) as DeterminationIssued;
}

describe('documentText', () => {
  const versions = ['../../../domain/test-fixtures/determination-issued.v1.json', '../../../domain/test-fixtures/determination-issued.v2.json'];

  it.each(versions)('writes the bytes JSON.stringify writes for toDetermination, with and without a reference (%s)', (path) => {
    const data = issued(path);
    const { reference, ...unreferenced } = data;
    expect(reference).toEqual(expect.any(String));
    for (const [each, position] of [
      [data, 7],
      [unreferenced as DeterminationIssued, 123456789012],
    ] as const) {
      const text = documentText(each, position, JSON.stringify(each.input), JSON.stringify(each.ledger));
      expect(text).toBe(JSON.stringify(toDetermination(each, position)));
    }
  });
});
