import { startProbeServer, type ProbeServer } from '../testing/probe-server.js';

describe('malformed and hostile requests', () => {
  let server: ProbeServer;
  let token: string;

  beforeAll(async () => {
    server = await startProbeServer();
    token = await server.token(['viewer']);
  });

  afterAll(async () => {
    await server.close();
  });

  async function post(body: unknown): Promise<{ status: number; body: { errors?: { message: string; extensions: { code: string } }[] } }> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as never };
  }

  it.each([
    ['a number as the query', { query: 123 }],
    ['no query at all', { variables: {} }],
    ['JSON text as the query (Mercurius would take it for a syntax tree)', { query: '{"kind":"Document","definitions":7}' }],
    ['JSON text with spaces as the query', { query: ' {\n  "kind": "Document", "definitions": 7 }' }],
    ['an array as the variables', { query: '{ whoAmI { id } }', variables: [1] }],
    ['a number as the operation name', { query: '{ whoAmI { id } }', operationName: 7 }],
  ])('when the body has %s then it is 400 BAD_USER_INPUT, not 500', async (_, body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('when a subscription is sent over POST then it is a clear 400 BAD_USER_INPUT pointing at WebSocket', async () => {
    const response = await post({ query: 'subscription { ticks }' });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('WebSocket') });
  });

  it('when a document is 20,000 levels deep then it is refused cleanly (no stack overflow) and the server keeps serving', async () => {
    const deep = `{ tree ${'{ children '.repeat(20_000)}{ name }${' }'.repeat(20_000)} }`;
    const response = await post({ query: deep });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response.body)).not.toContain('call stack');
    expect((await server.graphql('{ whoAmI { id } }', { token })).status).toBe(200);
  });
});
