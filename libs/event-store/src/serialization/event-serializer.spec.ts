import { UnknownSchemaVersionError } from '../event-store.errors.js';
import { loadThresholdChangedV1Fixture, thresholdChangedSerializer } from '../testing/event-store-contract.js';
import { EventSerializer } from './event-serializer.js';

describe('EventSerializer', () => {
  it('loads the stored version-1 ThresholdChanged fixture in its current (version 2) shape', () => {
    const fixture = loadThresholdChangedV1Fixture();
    const serializer = thresholdChangedSerializer();
    expect(fixture.metadata.schemaVersion).toBe(1);
    expect(serializer.currentVersion('ThresholdChanged')).toBe(2);
    expect(serializer.upcast(fixture.type, fixture.data, 1)).toEqual({ ...fixture.data, unit: '' });
  });

  it('passes current and unregistered types through unchanged, at version 1', () => {
    const serializer = thresholdChangedSerializer();
    const data = { parameter: 'tpp', value: 4800, unit: 'TPP' };
    expect(serializer.upcast('ThresholdChanged', data, 2)).toBe(data);
    expect(serializer.currentVersion('RuleAdded')).toBe(1);
  });

  it('upcasts step by step through every version', () => {
    const serializer = new EventSerializer([
      { type: 'T', version: 3, upcasters: { 1: (d: { a: number }) => ({ ...d, b: 0 }), 2: (d: { a: number; b: number }) => ({ sum: d.a + d.b }) } },
    ]);
    expect(serializer.upcast('T', { a: 2 }, 1)).toEqual({ sum: 2 });
  });

  it('refuses a version it does not know, and a schema with a missing upcaster', () => {
    expect(() => thresholdChangedSerializer().upcast('ThresholdChanged', {}, 3)).toThrow(UnknownSchemaVersionError);
    expect(() => new EventSerializer([{ type: 'T', version: 2 }])).toThrow(/upcaster from version 1 to 2/);
  });

  it('verbatim: reads any stored version as stored, and refuses to write', () => {
    const stored = { threshold: 4800 };
    expect(EventSerializer.verbatim().upcast('ThresholdChanged', stored, 1)).toBe(stored);
    expect(EventSerializer.verbatim().upcast('DeterminationIssued', stored, 7)).toBe(stored);
    expect(() => EventSerializer.verbatim().currentVersion('ThresholdChanged')).toThrow(/only reads/);
  });
});
