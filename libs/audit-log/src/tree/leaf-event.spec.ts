import fc from 'fast-check';
import { defaultHasher, leafHashOf, toHex } from '#audit';
import type { RecordedEvent } from '#event-store';
import { canonicalJson } from '#domain/canonical-json';
import { leafHashOfEvent } from './leaf-event.js';
import { nativeHasher } from './native-hasher.js';

// Texts beyond Latin-1 and outside the Basic Multilingual Plane: where escaping or UTF-8 encoding
// of the stored texts could differ from the canonical JSON of the parsed event.
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('§ 744.23', 'Über — “tier 2”', '🇮🇳 😀', '\u0000'));
const json = fc.jsonValue().map((value) => value ?? null);

describe('leafHashOfEvent', () => {
  it("hashes an event's stored texts to the hash of its canonical leaf, natively and in pure JavaScript, as the parsed event", () => {
    fc.assert(
      fc.property(text, fc.nat(), text, fc.dictionary(fc.string(), json), fc.dictionary(text, json), (stream, revision, type, data, metadata) => {
        const recordedAt = '2025-06-01T00:00:00.000Z';
        const event = { id: 'e', stream, revision, position: 1, type, recordedAt, data, metadata } as RecordedEvent;
        const stored = { ...event, storedText: { data: canonicalJson(data), metadata: canonicalJson(metadata) } } as RecordedEvent;
        const expected = toHex(leafHashOf(defaultHasher, { stream, revision, type, data, metadata, recordedAt }));
        expect(toHex(leafHashOfEvent(nativeHasher, stored))).toBe(expected);
        expect(toHex(leafHashOfEvent(defaultHasher, stored))).toBe(expected);
        expect(toHex(leafHashOfEvent(nativeHasher, event))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
