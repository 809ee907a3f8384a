import { startProbeServer, type ProbeServer } from '../testing/probe-server.js';

describe('errors leave the API with a code from the fixed set', () => {
  let server: ProbeServer;
  let token: string;

  beforeAll(async () => {
    server = await startProbeServer();
    token = await server.token(['admin']);
  });

  afterAll(async () => {
    await server.close();
  });

  const failWith = async (code: string) => {
    const { status, body } = await server.graphql(`{ fail(code: "${code}") }`, { token });
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    return body.errors?.[0];
  };

  describe('domain errors keep their message and details', () => {
    it('CONFLICT carries the expected and actual revisions', async () => {
      expect(await failWith('CONFLICT')).toEqual({
        message: 'Stream "amendment-7" is at revision 5, expected 3.',
        locations: [{ line: 1, column: 3 }],
        path: ['fail'],
        extensions: { code: 'CONFLICT', expected: 3, actual: 5, stream: 'amendment-7', expectedRevision: 3, actualRevision: 5 },
      });
    });

    it('BAD_USER_INPUT carries the offending field paths', async () => {
      expect((await failWith('BAD_USER_INPUT'))?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['items.0.quantity'], path: 'items.0.quantity' });
    });

    it('POLICY_INVALID carries the position', async () => {
      expect((await failWith('POLICY_INVALID'))?.extensions).toEqual({
        code: 'POLICY_INVALID',
        position: { changeIndex: 2, field: 'condition', position: 14 },
      });
    });

    it.each(['NOT_FOUND', 'QUOTA_EXCEEDED'])('%s keeps its code', async (code) => {
      expect((await failWith(code))?.extensions?.code).toBe(code);
    });
  });

  describe('an unexpected error', () => {
    it('becomes INTERNAL with a generic message, and only the server log has the details', async () => {
      const { headers, body } = await server.graphql('{ fail(code: "BUG") }', { token });

      expect(body.errors).toEqual([
        { message: 'Internal server error', locations: [{ line: 1, column: 3 }], path: ['fail'], extensions: { code: 'INTERNAL' } },
      ]);
      expect(JSON.stringify(body)).not.toMatch(/hunter2|10\.0\.0\.5|at ProbeResolver|stack/);
      const [logged] = await server.waitForLogs((line) => String(line.msg).includes('hunter2'));
      expect(logged).toMatchObject({ level: 50, correlationId: headers.get('x-request-id') });
      expect(logged?.msg).toMatch(/at ProbeResolver\.fail/);
    });
  });

  describe('the global ValidationPipe', () => {
    const placeOrder = 'mutation($input: ProbeOrderInput!) { placeOrder(input: $input) }';

    it('names every offending field with its path from the argument, array indexes included', async () => {
      const input = {
        destination: 'USA',
        items: [
          { kind: 'chip', quantity: 4 },
          { kind: 'chip', quantity: 0 },
        ],
      };

      const { status, body } = await server.graphql(placeOrder, { token, variables: { input } });

      expect(status).toBe(200);
      expect(body.errors?.[0]).toMatchObject({
        message: expect.stringContaining('input.items.1.quantity: quantity must not be less than 1'),
        extensions: { code: 'BAD_USER_INPUT', fields: ['input.destination', 'input.items.1.quantity'] },
      });
    });

    it('passes valid input through, transformed into the DTO classes', async () => {
      const input = { destination: 'AE', items: [{ kind: 'chip', quantity: 4 }, { kind: 'server' }] };

      const { body } = await server.graphql(placeOrder, { token, variables: { input } });

      expect(body).toEqual({ data: { placeOrder: 2 } });
    });
  });

  describe('a request refused before execution: BAD_USER_INPUT, HTTP 400, no data', () => {
    it.each([
      ['an unknown field', '{ whoAmI { nope } }', undefined, ['nope']],
      ['an argument of the wrong type', '{ fail(code: 5) }', undefined, ['code']],
      ['an unknown argument', '{ whoAmI(extra: 1) { id } }', undefined, ['extra']],
      ['a value outside the enum', '{ colour(colour: BLUE) }', undefined, ['colour']],
      [
        'a bad variable value deep in an input',
        'mutation($input: ProbeOrderInput!) { placeOrder(input: $input) }',
        { input: { destination: 'AE', items: [{ kind: 'x', quantity: 'many' }] } },
        ['input.items.0.quantity'],
      ],
      ['a missing variable', 'query($code: String!) { fail(code: $code) }', {}, ['code']],
      ['a syntax error', '{ whoAmI { id }', undefined, []],
    ])('%s', async (_, query, variables, fields) => {
      const { status, body } = await server.graphql(query, { token, variables });

      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields });
    });

    it('a body that is not JSON', async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{"query": ',
      });

      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'BAD_USER_INPUT', fields: [] } }] });
    });
  });

  describe('afterwards', () => {
    it('keeps serving', async () => {
      expect((await server.graphql('{ whoAmI { id } }', { token })).body).toEqual({ data: { whoAmI: { id: 'user-admin' } } });
    });
  });
});
