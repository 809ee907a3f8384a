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
    expect((await server.waitForLogs((line) => line.correlationId === 'order-42.retry:1')).map((line) => line.msg)).toEqual(['request completed']);
  });

  it('logs every request once with actor, operation name, duration, status and outcome code; refusals as warnings', async () => {
    await server.graphql('query Whom { whoAmI { id } }', { token, headers: { 'x-request-id': 'log-ok' } });
    await server.graphql('{ adminOnly }', { token, headers: { 'x-request-id': 'log-refused' } });
    await server.graphql('{ whoAmI { id } }', { token: 'bad', headers: { 'x-request-id': 'log-unauthenticated' } });

    const [ok] = await server.waitForLogs((line) => line.correlationId === 'log-ok');
    expect(ok).toMatchObject({
      level: 30,
      msg: 'request completed',
      actor: 'sub:user-viewer',
      operation: 'Whom',
      status: 200,
      outcome: 'OK',
      durationMs: expect.any(Number),
    });
    const [refused] = await server.waitForLogs((line) => line.correlationId === 'log-refused');
    expect(refused).toMatchObject({ level: 40, msg: 'request refused', actor: 'sub:user-viewer', operation: 'anonymous query', outcome: 'BAD_USER_INPUT' });
    const [unauthenticated] = await server.waitForLogs((line) => line.correlationId === 'log-unauthenticated');
    expect(unauthenticated).toMatchObject({ level: 40, msg: 'request refused', actor: 'ip:127.0.0.1', status: 401, outcome: 'UNAUTHENTICATED' });
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
