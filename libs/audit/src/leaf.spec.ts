import fc from 'fast-check';
import { canonicalJson } from '#domain/canonical-json';
import { leafText, leafTextOfCanonical } from './leaf.js';

describe('leafTextOfCanonical', () => {
  it('writes the same text as leafText from the canonical texts of the data and metadata', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue()),
        fc.string({ unit: 'binary' }),
        fc.nat(),
        fc.string({ unit: 'binary' }),
        fc.date({ noInvalidDate: true }),
        (data, metadata, stream, revision, type, at) => {
          const event = { stream, revision, type, recordedAt: at.toISOString() };
          const expected = leafText({ ...event, data, metadata });
          expect(leafTextOfCanonical({ ...event, dataText: canonicalJson(data), metadataText: canonicalJson(metadata) })).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('differs when the stored text differs from the canonical one (key order, spacing)', () => {
    const event = { stream: 's', revision: 0, type: 'T', recordedAt: '2026-01-01T00:00:00.000Z' };
    const canonical = leafText({ ...event, data: { a: 1, b: 2 }, metadata: {} });
    expect(leafTextOfCanonical({ ...event, dataText: '{"a":1,"b":2}', metadataText: '{}' })).toBe(canonical);
    expect(leafTextOfCanonical({ ...event, dataText: '{"b":2,"a":1}', metadataText: '{}' })).not.toBe(canonical);
    expect(leafTextOfCanonical({ ...event, dataText: '{"a": 1,"b":2}', metadataText: '{}' })).not.toBe(canonical);
  });
});
