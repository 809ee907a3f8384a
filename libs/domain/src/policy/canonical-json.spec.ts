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
