import { TEST_SECRET, startProbeServer, type ProbeServer } from '../testing/probe-server.js';

async function get(server: ProbeServer, path: string) {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('health endpoints: public, no token needed', () => {
  describe('given a readiness check that passes', () => {
    let server: ProbeServer;

    beforeAll(async () => {
      server = await startProbeServer({ AUTH_JWT_SECRET: TEST_SECRET, PROBE_READINESS: 'ok' });
    });

    afterAll(async () => {
      await server.close();
    });

    it('/health/live is ok', async () => {
      expect(await get(server, '/health/live')).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) });
    });

    it('/health/ready is ok and shows each check', async () => {
      expect(await get(server, '/health/ready')).toEqual({
        status: 200,
        body: expect.objectContaining({ status: 'ok', details: { 'probe-ok': { status: 'up', detail: { lag: 0 } } } }),
      });
    });
  });

  describe('given one readiness check that fails and one that throws', () => {
    let server: ProbeServer;

    beforeAll(async () => {
      server = await startProbeServer({ AUTH_JWT_SECRET: TEST_SECRET, PROBE_READINESS: 'down,throws' });
    });

    afterAll(async () => {
      await server.close();
    });

    it('/health/ready is 503 with both checks down; the failing one shows its detail, the throwing one keeps its reason for the log', async () => {
      const { status, body } = await get(server, '/health/ready');

      expect(status).toBe(503);
      expect(body).toMatchObject({
        status: 'error',
        details: {
          'probe-down': { status: 'down', detail: { lag: 250 } },
          'probe-throws': { status: 'down', detail: 'the check failed; see the server log' },
        },
      });
      expect(await server.waitForLogs((line) => String(line.msg).includes('store at 10.0.0.5:2113 unreachable'))).toHaveLength(1);
    });

    it('/health/live stays ok', async () => {
      expect((await get(server, '/health/live')).status).toBe(200);
    });
  });
});
