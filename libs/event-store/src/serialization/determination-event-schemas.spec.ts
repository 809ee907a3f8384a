import { readFileSync } from 'node:fs';
import { applicationEventSerializer } from './determination-event-schemas.js';

interface Fixture {
  type: string;
  data: { result: { items: Record<string, unknown>[]; engineVersion: string } & Record<string, unknown> } & Record<string, unknown>;
  metadata: { schemaVersion: number };
}

const fixture = JSON.parse(readFileSync(new URL('../../test-fixtures/determination-issued.v1.json', import.meta.url), 'utf8')) as Fixture;

describe('DeterminationIssued versions', () => {
  it('loads the stored version-1 fixture (engine 1) in its current shape, with no conditions, caveats or assumptions', () => {
    const serializer = applicationEventSerializer();
    expect(fixture.metadata.schemaVersion).toBe(1);
    expect(serializer.currentVersion('DeterminationIssued')).toBe(2);
    const current = serializer.upcast(fixture.type, fixture.data, 1) as Fixture['data'];
    const { result, ...rest } = fixture.data;
    expect(current).toEqual({
      ...rest,
      result: { ...result, conditions: [], items: result.items.map((item) => ({ ...item, conditions: [] })), caveats: [], assumptions: [] },
    });
    expect(current.result.engineVersion).toBe('1.0.0+cel-js.8.0.0');
  });

  it('keeps what data already in the current shape carries, should it be marked version 1', () => {
    const current = { result: { items: [{ conditions: ['c'] }], conditions: ['c'], caveats: ['v'], assumptions: ['a'] } };
    expect(applicationEventSerializer().upcast('DeterminationIssued', current, 1)).toEqual(current);
  });

  it('keeps the policy events registered beside it', () => {
    expect(applicationEventSerializer().currentVersion('ThresholdChanged')).toBe(2);
  });
});
