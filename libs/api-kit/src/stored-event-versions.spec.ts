import { readFileSync } from 'node:fs';
import { applicationSerializer } from './open-configured-store.js';

/** Every stored version of the application's events still loads, upcast by its owner's declaration (STYLE.md "Events"). */
const fixture = (path: string) =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
    type: string;
    data: Record<string, unknown>;
    schemaVersion?: number;
    metadata?: { schemaVersion: number };
  };

describe('the stored event versions the application registers', () => {
  const serializer = applicationSerializer();

  it('loads ThresholdChanged version 1 (before units) with an empty unit', () => {
    const stored = fixture('../../event-store/test-fixtures/threshold-changed.v1.json');
    expect(serializer.currentVersion('ThresholdChanged')).toBe(2);
    expect(serializer.upcast(stored.type, stored.data, stored.metadata!.schemaVersion)).toEqual({ ...stored.data, unit: '' });
  });

  it('loads DeterminationIssued version 1 (engine 1, before requests were kept) with no conditions, caveats or assumptions and request null', () => {
    for (const path of ['../../domain/test-fixtures/determination-issued.v1.json', '../../event-store/test-fixtures/determination-issued.v1.json']) {
      const stored = fixture(path);
      const version = stored.schemaVersion ?? stored.metadata!.schemaVersion;
      expect([path, version, serializer.currentVersion('DeterminationIssued')]).toEqual([path, 1, 3]);
      const { result, ...rest } = stored.data as { result: { items: Record<string, unknown>[] } & Record<string, unknown> };
      expect(serializer.upcast(stored.type, stored.data, version)).toEqual({
        ...rest,
        result: { ...result, conditions: [], items: result.items.map((item) => ({ ...item, conditions: [] })), caveats: [], assumptions: [] },
        request: null,
      });
    }
  });

  it('loads DeterminationIssued version 2 (engine 2: conditions, caveats, assumptions) with request null, the rest as stored', () => {
    const stored = fixture('../../domain/test-fixtures/determination-issued.v2.json');
    expect(stored.schemaVersion).toBe(2);
    expect(serializer.upcast(stored.type, stored.data, 2)).toEqual({ ...stored.data, request: null });
  });

  it('keeps what data already in a later shape carries, should it be marked with an older version', () => {
    const current = { result: { items: [{ conditions: ['c'] }], conditions: ['c'], caveats: ['v'], assumptions: ['a'] } };
    expect(serializer.upcast('DeterminationIssued', current, 1)).toEqual({ ...current, request: null });
    const request = { policyId: null, validAt: '2025-06-01T00:00:00.000Z' };
    expect(serializer.upcast('DeterminationIssued', { ...current, request }, 1)).toMatchObject({ request });
  });
});
