import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text for JSON-equal values built in another key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson(JSON.parse('{ "y": [1, 2], "x": 1 }')));
  });

  it('treats undefined, functions and toJSON as JSON.stringify does', () => {
    const value = { a: undefined, b: [undefined, () => 1], c: new Date('2025-01-01T00:00:00Z'), d: null };
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('escapes strings like JSON', () => {
    expect(canonicalJson({ 'ü\n': 'é"\\\u2028' })).toBe(JSON.stringify({ 'ü\n': 'é"\\\u2028' }));
  });
});

/**
 * canonicalJson as it was before JSON.stringify wrote values already in canonical order: kept here,
 * frozen, because leaf hashes and the hash chain are over these bytes and signed checkpoints hold
 * them, so no input may ever be written differently.
 */
function formerCanonicalJson(value: unknown): string {
  const write = (v: unknown): string | undefined => {
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'number':
        return Number.isFinite(v) ? String(v) : 'null';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'object':
        break;
      case 'bigint':
        return JSON.stringify(v);
      default:
        return undefined;
    }
    if (v === null) return 'null';
    if (Array.isArray(v)) {
      let out = '[';
      for (let i = 0; i < v.length; i++) out += (i === 0 ? '' : ',') + (write(v[i]) ?? 'null');
      return out + ']';
    }
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return write((v as { toJSON: () => unknown }).toJSON());
    const record = v as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const text = write(record[key]);
      if (text !== undefined) members.push(JSON.stringify(key) + ':' + text);
    }
    return '{' + members.join(',') + '}';
  };
  return write(value) ?? 'null';
}

describe('canonicalJson: the same bytes as before for every input', () => {
  // Keys that order differently as UTF-16 text and as JavaScript enumerates them (integer-like
  // keys first, by value), lone surrogates, astral characters, the empty key, __proto__.
  const key = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 4 }),
    fc.nat({ max: 300 }).map(String),
    fc.constantFrom('', '__proto__', '-1', '01', '1e3', '4294967295', '\ud800', '\udc00', '\u{1f600}', 'a', 'B', 'é'),
  );
  const number = fc.oneof(
    fc.double(),
    fc.integer(),
    fc.constantFrom(-0, 0, 1e21, 1e-7, -1e21, 123e-20, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity, 2 ** 53),
  );
  const leaf = fc.oneof(fc.string({ unit: 'binary' }), number, fc.boolean(), fc.constant(null));
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(key, tie('value'), { maxKeys: 6 }),
    ),
  }));
  /** The value as a store reads it back: parsed from its canonical text, so its keys are in canonical order where JavaScript allows. */
  const readBack = value.map((v) => JSON.parse(formerCanonicalJson(v)) as unknown);

  it('on JSON values in any key order', () => {
    fc.assert(
      fc.property(value, (v) => expect(canonicalJson(v)).toBe(formerCanonicalJson(v))),
      { numRuns: 2000 },
    );
  });

  it('on JSON values read back from canonical text', () => {
    fc.assert(
      fc.property(readBack, (v) => expect(canonicalJson(v)).toBe(formerCanonicalJson(v))),
      { numRuns: 2000 },
    );
  });

  it('on values that are not JSON (boxed primitives, dates, toJSON, null prototypes, holes, undefined, functions)', () => {
    const anything = fc.anything({
      withBoxedValues: true,
      withDate: true,
      withNullPrototype: true,
      withSparseArray: true,
      withObjectString: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      key,
      values: [leaf, fc.constant(undefined)],
    });
    fc.assert(
      fc.property(anything, (v) => expect(canonicalJson(v)).toBe(formerCanonicalJson(v))),
      { numRuns: 2000 },
    );
  });

  it('on the cases the fast path must leave to the walk', () => {
    const withToJson = { b: 1, toJSON: (k: string) => ({ a: k }) };
    const arrayWithToJson = Object.assign([1, 2], { toJSON: () => 'x' });
    const cases: unknown[] = [
      { 2: 'a', 10: 'b' },
      { a: new Number(1), b: new String('x'), c: new Boolean(false) },
      { a: withToJson },
      [arrayWithToJson],
      { a: new Date(0) },
      { a: [undefined, () => 1, Symbol('s')], b: undefined },
      { a: Object.assign(() => 1, { toJSON: () => 'x' }), b: [Object.assign(() => 1, { toJSON: () => 'y' })] },
      { a: new Map([[1, 2]]), b: new Uint8Array([1, 2]) },
      Object.assign(Object.create(null) as object, { a: 1, b: { c: 2 } }),
      { a: -0, b: [-0, 1e21, 1e-7] },
    ];
    for (const c of cases) expect(canonicalJson(c)).toBe(formerCanonicalJson(c));
  });

  it('refuses a bigint as before', () => {
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
    expect(() => canonicalJson([1n])).toThrow(TypeError);
  });
});
