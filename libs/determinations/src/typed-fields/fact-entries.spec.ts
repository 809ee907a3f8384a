import { factEntries } from './fact-entries.js';

const entry = (name: string, value: Partial<Record<'string' | 'number' | 'boolean' | 'strings', unknown>>) => ({
  name,
  string: null,
  number: null,
  boolean: null,
  strings: null,
  ...value,
});

describe('factEntries', () => {
  it('lists every leaf under its dotted name, keys sorted and lists by index, as canonical JSON orders them', () => {
    const facts = {
      items: [
        { tpp: 4800, kind: 'INTEGRATED_CIRCUIT' },
        { openWeights: true, kind: 'MODEL_WEIGHTS' },
      ],
      destination: { groups: ['A:5', 'B'], tier: 2 },
      parameters: { 'lpp.cap.tpp': 26_900_000, 'tier.default': null },
    };
    expect(factEntries(facts)).toEqual([
      entry('destination.groups', { strings: ['A:5', 'B'] }),
      entry('destination.tier', { number: 2 }),
      entry('items.0.kind', { string: 'INTEGRATED_CIRCUIT' }),
      entry('items.0.tpp', { number: 4800 }),
      entry('items.1.kind', { string: 'MODEL_WEIGHTS' }),
      entry('items.1.openWeights', { boolean: true }),
      entry('parameters.lpp.cap.tpp', { number: 26_900_000 }),
      entry('parameters.tier.default', {}),
    ]);
  });

  it('takes what JSON takes: own properties, not those a prototype supplies nor undefined ones; an empty list of groups is a leaf', () => {
    const item = Object.assign(Object.create({ designedForDatacenter: true }) as object, { tpp: 1, memoryBandwidth: undefined });
    expect(factEntries({ item, parentGroups: [] })).toEqual([entry('item.tpp', { number: 1 }), entry('parentGroups', { strings: [] })]);
  });
});
