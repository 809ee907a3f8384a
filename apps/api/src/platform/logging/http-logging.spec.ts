import Fastify, { type FastifyInstance } from 'fastify';
import { fastifyLoggingOptions, registerRequestLog } from './http-logging.js';
import { createLogger } from './logger.js';

/** A bare Fastify app with the request log at `level`: answers 200 on /ok, 403 on /refused, 200 after 250 ms on /slow (slow from 200 ms). */
async function appLoggingAt(level: 'info' | 'warn') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  // Typed as the app's instance (Nest's adapter hands registerRequestLog the default logger type).
  const app = Fastify(fastifyLoggingOptions(logger)) as unknown as FastifyInstance;
  registerRequestLog(app, 200);
  app.get('/ok', async () => ({ ok: true }));
  app.get('/refused', async (_request, reply) => reply.code(403).send({ refused: true }));
  app.get('/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 250));
    return { ok: true };
  });
  // Over a real socket: Fastify's inject needs an ES module Jest cannot load here.
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const get = (path: string) => fetch(base + path).then((response) => response.text());
  // A first request warms the route up (on a loaded machine it may take long enough to be slow).
  await get('/ok');
  lines.length = 0;
  return { app, lines, get };
}

describe('the request log', () => {
  it('at warn writes refused and slow requests only, each with its line', async () => {
    const { app, lines, get } = await appLoggingAt('warn');

    for (const path of ['/ok', '/refused', '/slow']) await get(path);

    expect(lines.map(({ msg, url, status }) => ({ msg, url, status }))).toEqual([
      { msg: 'request refused', url: '/refused', status: 403 },
      { msg: 'slow request', url: '/slow', status: 200 },
    ]);
    expect(lines[0]).toMatchObject({ level: 40, operation: 'GET /refused', outcome: 'FORBIDDEN', actor: null });
    await app.close();
  });

  it('at info writes every request', async () => {
    const { app, lines, get } = await appLoggingAt('info');

    await get('/ok');

    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'request completed', url: '/ok', status: 200, outcome: 'OK', operation: 'GET /ok' })]);
    await app.close();
  });
});
