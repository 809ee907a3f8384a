import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getIntrospectionQuery,
  GraphQLError,
  isInterfaceType,
  isUnionType,
  parse,
  specifiedRules,
  validate,
  type OperationDefinitionNode,
} from 'graphql';
import { complexityAtExecution, complexityLimitRule } from './complexity-limit.rule.js';
import { depthLimitRule } from './depth-limit.rule.js';

const schema = buildSchema(`
  type Query { tree: Tree, trees(first: Int): [Tree], things(first: Int): [Thing] }
  type Tree { name: String, children(first: Int): [Tree] }
  type Stone { weight: Float }
  union Thing = Tree | Stone
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
    [
      "a union's members are alternatives: the largest of them counts",
      '{ things(first: 10) { ... on Stone { weight } ... on Tree { name children { name } } } }',
      10 * (1 + 3),
    ],
    [
      'fragments on one member add up, beside the fields selected on every member',
      '{ things(first: 2) { __typename ... on Tree { name } ...T ... on Stone { weight } } } fragment T on Tree { children { name } }',
      2 * (1 + 1 + 2),
    ],
  ])('%s', (_, query, complexity) => {
    expect(measure(query)).toEqual([{ code: 'BAD_USER_INPUT', limit: 0, complexity }]);
  });

  it('holds for the served schema: it declares unions and no interface (an object of an interface would match two type conditions, and the largest alone would undercount)', () => {
    const served = buildSchema(readFileSync(join(process.cwd(), 'schema.graphql'), 'utf8'));
    const kinds = Object.values(served.getTypeMap()).filter((type) => !type.name.startsWith('__'));

    expect(kinds.filter(isInterfaceType).map((type) => type.name)).toEqual([]);
    expect(kinds.filter(isUnionType).length).toBeGreaterThan(0);
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

describe('complexityAtExecution (the items of a determination input counted)', () => {
  const limit = { maxComplexity: 2000, assumedPageSize: 100 };
  // evaluate costs 1 + a point per 10 items; what it selects counts once per 10 items (at least once).
  const selection = 'outcome items { index outcome } trace { ruleId }'; // 1 + (1 + 2) + (1 + 1) = 6
  const items = (n: number) => ({ input: { items: Array.from({ length: n }, () => ({ kind: 'COMPUTER' })) } });
  const complexityOf = (query: string, variables?: Record<string, unknown>) => {
    const document = parse(query);
    return complexityAtExecution(document, document.definitions[0] as OperationDefinitionNode, variables, { ...limit, maxComplexity: Infinity });
  };

  it.each([
    ['one item', 1, 1 + 1 + 6],
    ['ten items', 10, 1 + 1 + 6],
    ['eleven items', 11, 1 + 2 + 2 * 6],
    ['a thousand items', 1000, 1 + 100 + 100 * 6],
  ])('%s in a variable', (_, n, complexity) => {
    expect(complexityOf(`query($input: DeterminationInput!) { evaluate(input: $input) { ${selection} } }`, items(n))).toBe(complexity);
  });

  it('counts items written in the document, and items given as a variable of their own', () => {
    const written = `{ evaluate(input: { items: [${'{ kind: COMPUTER }, '.repeat(25)}] }) { ${selection} } }`;
    const listVariable = `query($items: [ItemInput!]!) { issueDetermination(input: { items: $items }) { ${selection} } }`;

    expect(complexityOf(written)).toBe(1 + 3 + 3 * 6);
    expect(complexityOf(listVariable, { items: items(25).input.items })).toBe(5 + 3 + 3 * 6);
  });

  it('counts `first: $n` as given, up to the largest page a paged field serves (500: over that, the field names `first`)', () => {
    const query = 'query($n: Int) { trees(first: $n) { name } }';

    expect(complexityOf(query, { n: 7 })).toBe(14);
    expect(complexityOf(query, { n: 10_000 })).toBe(1000);
  });

  it('refuses aliased evaluations of a thousand items each, which validation (without the variables) let through', () => {
    const query = `query Heavy($input: DeterminationInput!) { a: evaluate(input: $input) { ${selection} } b: evaluate(input: $input) { ${selection} } c: evaluate(input: $input) { ${selection} } }`;
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;

    expect(complexityAtExecution(document, operation, items(10), limit)).toBe(3 * 8);
    const refusal = (() => {
      try {
        return complexityAtExecution(document, operation, items(1000), limit);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(GraphQLError);
    expect(refusal).toMatchObject({
      message: 'Query "Heavy" has complexity 2103, over the maximum complexity of 2000; ask for fewer fields, items or aliases at once',
      extensions: { code: 'BAD_USER_INPUT', limit: 2000, complexity: 2103 },
    });
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
