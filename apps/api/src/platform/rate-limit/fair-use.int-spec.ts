import WebSocket from 'ws';
import { startProbeServer, TEST_SECRET, type ProbeServer } from '../testing/probe-server.js';

/** Opens a graphql-ws socket, optionally sends connection_init, and resolves with its close code. */
function closeCodeOf(url: string, init?: Record<string, unknown>, waitMs = 5000): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const timer = setTimeout(() => {
      resolve('open');
      socket.terminate();
    }, waitMs);
    socket.on('open', () => {
      if (init) socket.send(JSON.stringify({ type: 'connection_init', payload: init }));
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    socket.on('error', reject);
  });
}

describe('fair use', () => {
  let server: ProbeServer;

  beforeAll(async () => {
    server = await startProbeServer({
      AUTH_JWT_SECRET: TEST_SECRET,
      RATE_LIMIT_POINTS: '40',
      RATE_LIMIT_WINDOW_SECONDS: '600',
      GRAPHQL_MAX_ALIASES: '5',
      GRAPHQL_WS_INIT_TIMEOUT_MS: '500',
      RATE_LIMIT_WS_CONNECTIONS: '2',
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it('refuses a field aliased more times than GRAPHQL_MAX_ALIASES, naming it', async () => {
    const token = await server.token(['viewer']);
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: whoAmI { id }`).join(' ');
    const { status, body } = await server.graphql(`{ ${aliases} }`, { token });
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'whoAmI', limit: 5, times: 6 } });
  });

  it('charges each caller by points (the complexity of what it asks), with RateLimit headers, then refuses with 429 RATE_LIMITED and Retry-After', async () => {
    const token = await server.token(['viewer']);
    const tree = '{ tree { children(first: 9) { name } } }'; // 1 + 9 x (1 + 1) = 19 points
    const first = await server.graphql(tree, { token: await server.token(['determiner']) });
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('40');
    expect(first.headers.get('ratelimit-remaining')).toBe('21');
    expect(first.headers.get('ratelimit-policy')).toBe('40;w=600');

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await server.graphql(tree, { token }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429, 429]);
    const refused = answers[2]!;
    expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    // Another caller is not affected; the health probe never is.
    expect((await server.graphql('{ whoAmI { id } }', { token: await server.token(['approver']) })).status).toBe(200);
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
  });

  describe('graphql-ws connections', () => {
    it('closes one that sends no connection_init within GRAPHQL_WS_INIT_TIMEOUT_MS with 4408', async () => {
      expect(await closeCodeOf(server.url)).toBe(4408);
    });

    it('closes one whose token is refused with 4403 after the same time', async () => {
      expect(await closeCodeOf(server.url, { Authorization: 'Bearer nonsense' })).toBe(4403);
    });

    it('keeps an authenticated one open, and counts it against its caller: 4429 past RATE_LIMIT_WS_CONNECTIONS', async () => {
      const token = await server.token(['admin']);
      const sockets = [
        closeCodeOf(server.url, { Authorization: `Bearer ${token}` }, 1500),
        closeCodeOf(server.url, { Authorization: `Bearer ${token}` }, 1500),
      ];
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await closeCodeOf(server.url, { Authorization: `Bearer ${token}` })).toBe(4429);
      expect(await Promise.all(sockets)).toEqual(['open', 'open']);
    });
  });

  it("charges callers without a valid token by IP address (last: it drains this machine's bucket)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 42; i++) statuses.push((await server.graphql('{ whoAmI { id } }', { token: 'not-a-token' })).status);
    // 40 points for this address, less what the WebSocket upgrades above spent: refused, then limited.
    const refused = statuses.indexOf(429);
    expect(refused).toBeGreaterThan(30);
    expect(statuses.slice(0, refused).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(refused).every((status) => status === 429)).toBe(true);
  });
});
