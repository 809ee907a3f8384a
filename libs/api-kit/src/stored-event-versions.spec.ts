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

  it('loads DeterminationIssued version 1 (before requests were kept) with request null, the rest as stored', () => {
    const stored = fixture('../../domain/test-fixtures/determination-issued.v1.json');
    expect(serializer.currentVersion('DeterminationIssued')).toBe(2);
    expect(serializer.upcast(stored.type, stored.data, stored.schemaVersion!)).toEqual({ ...stored.data, request: null });
  });

  it('keeps a request that a version-1 writer already recorded (code that knew the field but not the version)', () => {
    const stored = fixture('../../domain/test-fixtures/determination-issued.v1.json');
    const request = { policyId: null, validAt: '2025-06-01T00:00:00.000Z' };
    expect(serializer.upcast(stored.type, { ...stored.data, request }, 1)).toMatchObject({ request });
  });
});
