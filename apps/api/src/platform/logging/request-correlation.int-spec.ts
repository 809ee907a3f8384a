import { startProbeServer, type ProbeServer } from '../testing/probe-server.js';

describe('request ids and correlation ids', () => {
  let server: ProbeServer;
  let token: string;

  beforeAll(async () => {
    server = await startProbeServer();
    token = await server.token(['viewer']);
  });

  afterAll(async () => {
    await server.close();
  });

  it("takes the caller's x-request-id as the correlation id, given to resolvers, echoed and logged", async () => {
    const { headers, body } = await server.graphql('{ correlationId }', { token, headers: { 'x-request-id': 'order-42.retry:1' } });

    expect(body).toEqual({ data: { correlationId: 'order-42.retry:1' } });
    expect(headers.get('x-request-id')).toBe('order-42.retry:1');
    expect((await server.waitForLogs((line) => line.correlationId === 'order-42.retry:1', 2)).map((line) => line.msg)).toEqual([
      'incoming request',
      'request completed',
    ]);
  });

  it.each([
    ['no x-request-id', {}],
    ['an x-request-id with spaces and slashes', { 'x-request-id': 'a b/c' }],
    ['an x-request-id over 128 characters', { 'x-request-id': 'x'.repeat(129) }],
  ])('generates a UUID given %s', async (_, headers) => {
    const response = await server.graphql('{ correlationId }', { token, headers });

    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(response.body).toEqual({ data: { correlationId: id } });
  });

  it('never logs the Authorization header', async () => {
    await server.graphql('{ correlationId }', { token });

    expect(JSON.stringify(server.logs())).not.toContain(token);
  });
});
