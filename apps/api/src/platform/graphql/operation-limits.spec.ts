import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { complexityLimitRule } from './complexity-limit.rule.js';
import { depthLimitRule } from './depth-limit.rule.js';

const schema = buildSchema(`
  type Query { tree: Tree, trees(first: Int): [Tree] }
  type Tree { name: String, children(first: Int): [Tree] }
`);

const measure = (query: string, rule = complexityLimitRule({ maxComplexity: 0, assumedPageSize: 100 })) =>
  validate(schema, parse(query), [...specifiedRules, rule]).map((error) => error.extensions);

describe('complexityLimitRule', () => {
  it.each([
    ['one field per selected field', '{ tree { name } }', 2],
    ['a page multiplies what it selects', '{ trees(first: 10) { name children(first: 3) { name } } }', 10 * (1 + 1 + 3 * (1 + 1))],
    ['__typename is free', '{ __typename tree { __typename name } }', 2],
    ['a variable counts as its default', 'query($n: Int = 7) { trees(first: $n) { name } }', 14],
    ['a variable without default counts as the assumed page size', 'query($n: Int) { trees(first: $n) { name } }', 200],
    [
      'fragments count where they are spread',
      'query { tree { ...F } trees(first: 2) { ...F } } fragment F on Tree { name children { name } }',
      1 + 3 + 2 * (1 + 3),
    ],
  ])('%s', (_, query, complexity) => {
    expect(measure(query)).toEqual([{ code: 'BAD_USER_INPUT', limit: 0, complexity }]);
  });

  it('passes an operation at the limit and refuses one over it', () => {
    expect(measure('{ tree { name } }', complexityLimitRule({ maxComplexity: 2, assumedPageSize: 1 }))).toEqual([]);
    expect(measure('{ tree { name } }', complexityLimitRule({ maxComplexity: 1, assumedPageSize: 1 }))).toHaveLength(1);
  });

  it('survives cyclic fragments (graphql-js reports them)', () => {
    const errors = validate(schema, parse('{ tree { ...A } } fragment A on Tree { children { ...B } } fragment B on Tree { children { ...A } }'), [
      ...specifiedRules,
      complexityLimitRule({ maxComplexity: 10, assumedPageSize: 1 }),
    ]);

    expect(errors.map((error) => error.message)).toEqual(expect.arrayContaining([expect.stringMatching(/Cannot spread fragment "A" within itself/)]));
  });
});

describe('depthLimitRule', () => {
  it('counts fields, not fragments, and measures each operation', () => {
    const query = 'query Deep { tree { ...F } } query Shallow { tree { name } } fragment F on Tree { children { children { name } } }';

    expect(validate(schema, parse(query), [depthLimitRule(3)]).map((error) => [error.message, error.extensions])).toEqual([
      ['Query "Deep" is 4 levels deep, over the maximum depth of 3', { code: 'BAD_USER_INPUT', limit: 3, depth: 4 }],
    ]);
  });

  it('lets the standard introspection query through at the default limits (ofType adds no level)', () => {
    const rules = [depthLimitRule(12), complexityLimitRule({ maxComplexity: 2000, assumedPageSize: 100 })];

    expect(validate(schema, parse(getIntrospectionQuery()), rules)).toEqual([]);
  });

  it('still limits introspection that nests types within types', () => {
    const nested = `{ __schema { types { ${'fields { type { '.repeat(6)}name${' } }'.repeat(6)} } } }`;

    expect(validate(schema, parse(nested), [depthLimitRule(12)])).toHaveLength(1);
  });
});
