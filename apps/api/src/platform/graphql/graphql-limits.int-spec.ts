import { getIntrospectionQuery } from 'graphql';
import { startProbeServer, type ProbeServer } from '../testing/probe-server.js';

/** `{ tree { children { … name } } }`, `depth` fields deep counting `tree` and `name`. */
const nestedTree = (depth: number) => `{ tree { ${'children { '.repeat(depth - 2)}name${' }'.repeat(depth - 2)} } }`;

describe('scalars and operation limits', () => {
  let server: ProbeServer;
  let token: string;

  beforeAll(async () => {
    server = await startProbeServer();
    token = await server.token(['viewer']);
  });

  afterAll(async () => {
    await server.close();
  });

  describe('DateTime', () => {
    it.each([
      ['2025-06-01', '2025-06-01T00:00:00.000Z'],
      ['2025-06-01T12:30:00+02:00', '2025-06-01T10:30:00.000Z'],
    ])('reads %s as the instant %s, in a literal and in a variable', async (input, instant) => {
      const literal = await server.graphql(`{ instant(at: "${input}") }`, { token });
      const variable = await server.graphql('query($at: DateTime!) { instant(at: $at) }', { token, variables: { at: input } });

      expect(literal.body).toEqual({ data: { instant } });
      expect(variable.body).toEqual({ data: { instant } });
    });

    it('refuses 2025-13-01 with BAD_USER_INPUT naming the value', async () => {
      const literal = await server.graphql('{ instant(at: "2025-13-01") }', { token });
      const variable = await server.graphql('query($at: DateTime!) { instant(at: $at) }', { token, variables: { at: '2025-13-01' } });

      expect(literal.body.errors?.[0]).toMatchObject({ message: expect.stringContaining("'2025-13-01'"), extensions: { code: 'BAD_USER_INPUT' } });
      expect(variable.body.errors?.[0]).toMatchObject({
        message: expect.stringContaining("'2025-13-01'"),
        extensions: { code: 'BAD_USER_INPUT', fields: ['at'] },
      });
    });

    it('refuses a date-time without an offset', async () => {
      const { body } = await server.graphql('{ instant(at: "2025-06-01T12:00:00") }', { token });

      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  it('JSON passes any value through, from a literal or a variable', async () => {
    const literal = await server.graphql('{ echoJson(value: { a: [1, "two", null, { b: true }] }) }', { token });
    const variable = await server.graphql('query($v: JSON!) { echoJson(value: $v) }', { token, variables: { v: { a: [1.5] } } });

    expect(literal.body).toEqual({ data: { echoJson: { a: [1, 'two', null, { b: true }] } } });
    expect(variable.body).toEqual({ data: { echoJson: { a: [1.5] } } });
  });

  describe('depth limit (GRAPHQL_MAX_DEPTH, 12 by default)', () => {
    it('serves an operation 12 levels deep', async () => {
      const { body } = await server.graphql(nestedTree(12), { token });

      expect(body.errors).toBeUndefined();
    });

    it('refuses one 13 levels deep with BAD_USER_INPUT naming the limit and the depth', async () => {
      const { status, body } = await server.graphql(nestedTree(13), { token });

      expect(status).toBe(400);
      expect(body.errors).toEqual([
        {
          message: 'Query is 13 levels deep, over the maximum depth of 12',
          locations: [{ line: 1, column: 1 }],
          extensions: { code: 'BAD_USER_INPUT', fields: [], limit: 12, depth: 13 },
        },
      ]);
    });
  });

  describe('complexity limit (GRAPHQL_MAX_COMPLEXITY, 2000 by default)', () => {
    it('refuses pages of pages over the limit, naming the limit and the measured complexity', async () => {
      const { status, body } = await server.graphql('query Pages { tree { children(first: 50) { children(first: 50) { name } } } }', { token });

      expect(status).toBe(400);
      expect(body.errors?.[0]).toMatchObject({
        message: 'Query "Pages" has complexity 5051, over the maximum complexity of 2000; ask for fewer fields, items or aliases at once',
        extensions: { code: 'BAD_USER_INPUT', limit: 2000, complexity: 5051 },
      });
    });

    it('counts `first: $variable` as the assumed page size of 100', async () => {
      const query = 'query($n: Int) { tree { children(first: $n) { children(first: $n) { name } } } }';

      const { body } = await server.graphql(query, { token, variables: { n: 2 } });

      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', complexity: 20101 });
    });

    it('serves a page within the limit', async () => {
      const { body } = await server.graphql('{ tree { children(first: 30) { children(first: 30) { name } } } }', { token });

      expect(body.errors).toBeUndefined();
      expect((body.data?.tree as { children: unknown[] }).children).toHaveLength(30);
    });
  });

  it('serves the standard introspection query (GraphiQL, code generators) within both limits', async () => {
    const { body } = await server.graphql(getIntrospectionQuery(), { token });

    expect(body.errors).toBeUndefined();
    expect(body.data?.__schema).toBeDefined();
  });

  describe('afterwards', () => {
    it('keeps serving', async () => {
      expect((await server.graphql('{ whoAmI { id } }', { token })).body).toEqual({ data: { whoAmI: { id: 'user-viewer' } } });
    });
  });
});
