import Fastify from 'fastify';
import { noteOutcome } from '../platform/logging/http-logging.js';
import { ApiMetrics } from './api-metrics.js';
import { noteOperation, registerHttpTelemetry } from './http-telemetry.js';
import { Tracing } from './tracing.js';

describe('registerHttpTelemetry with tracing off', () => {
  async function served() {
    const fastify = Fastify();
    const metrics = new ApiMetrics(false);
    registerHttpTelemetry(fastify, metrics, Tracing.disabled(), () => undefined);
    // As the GraphQL hook and the error formatter do: the operation from the document, the first error's code.
    fastify.post('/graphql', async (request) => {
      noteOperation(request, 'mutation issueDetermination');
      if ((request.body as { fail?: boolean }).fail) noteOutcome(request, 'FORBIDDEN');
      return { data: null };
    });
    fastify.get('/items/:id', async (_request, reply) => reply.code(404).send({}));
    const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
    const send = (path: string, body?: unknown) =>
      fetch(url + path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { fastify, send, metrics: async () => (await send('/metrics')).text() };
  }

  it('labels each request with its noted operation and outcome, else its route and status, and times it', async () => {
    const { fastify, send, metrics } = await served();
    await send('/graphql', {});
    await send('/graphql', { fail: true });
    await send('/items/7');
    const text = await metrics();
    expect(text).toMatch(/^policy_ledger_requests_total\{operation="mutation issueDetermination",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^policy_ledger_requests_total\{operation="mutation issueDetermination",outcome="FORBIDDEN"\} 1$/m);
    expect(text).toMatch(/^policy_ledger_requests_total\{operation="GET \/items\/:id",outcome="404"\} 1$/m);
    expect(text).toMatch(/^policy_ledger_request_duration_seconds_count\{operation="mutation issueDetermination"\} 2$/m);
    expect(text).toMatch(/^policy_ledger_request_duration_seconds_sum\{operation="GET \/items\/:id"\} (?!0$)[\d.e-]+$/m);
    await fastify.close();
  });

  it("adds one onResponse hook and nothing on the way in (the latency is Fastify's own)", async () => {
    const fastify = Fastify();
    const added: string[] = [];
    const addHook = fastify.addHook.bind(fastify);
    fastify.addHook = ((name: string, hook: never) => {
      added.push(name);
      return addHook(name as never, hook);
    }) as typeof fastify.addHook;
    registerHttpTelemetry(fastify, new ApiMetrics(false), Tracing.disabled(), () => undefined);
    expect(added).toEqual(['onResponse']);
    await fastify.close();
  });
});
