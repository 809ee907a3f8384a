import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiHarness } from './support/api-harness.js';
import { indiaShipment } from './support/fixtures.js';
import { eventually } from './support/eventually.js';

const ISSUE = `mutation($input: DeterminationInput!) { issueDetermination(input: $input, validAt: "2025-06-01") { id outcome } }`;

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

/** A small OTLP/HTTP collector: keeps every span it is sent (JSON encoding, as the exporter sends it). */
class TestCollector {
  readonly spans: OtlpSpan[] = [];
  private readonly server: Server;

  constructor() {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (request.url === '/v1/traces') {
          const message = JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
          for (const resource of message.resourceSpans) for (const scope of resource.scopeSpans) this.spans.push(...scope.spans);
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('telemetry', () => {
  describe('Prometheus metrics at /metrics (tracing off)', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await ApiHarness.start('sqlite');
    });
    afterAll(() => api.stop());

    it('counts requests by operation and outcome, determinations by outcome, appends and projection lag', async () => {
      await api.data(ISSUE, { input: indiaShipment('metrics-1', 10) }, 'determiner');
      await api.data('{ countryStatus(country: "IN") { tier } }', {}, 'viewer');
      const refused = await api.gql(ISSUE, { input: indiaShipment('metrics-2', 10) }, 'viewer');
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const response = await fetch(api.url.replace(/\/graphql$/, '/metrics'));
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toMatch(/^policy_ledger_requests_total\{operation="mutation issueDetermination",outcome="ok"\} 1$/m);
      expect(text).toMatch(/^policy_ledger_requests_total\{operation="mutation issueDetermination",outcome="FORBIDDEN"\} 1$/m);
      expect(text).toMatch(/^policy_ledger_requests_total\{operation="query countryStatus",outcome="ok"\} 1$/m);
      expect(text).toMatch(/^policy_ledger_request_duration_seconds_bucket\{le="0\.5",operation="mutation issueDetermination"\} \d+$/m);
      expect(text).toMatch(/^policy_ledger_determinations_total\{outcome="LICENSE_EXCEPTION"\} 1$/m);
      expect(text).toMatch(/^policy_ledger_store_append_duration_seconds_count\{category="determination",result="ok"\} [1-9]\d*$/m);
      expect(text).toMatch(/^policy_ledger_store_append_duration_seconds_count\{category="ledger",result="ok"\} [1-9]\d*$/m);
      expect(text).toMatch(/^# TYPE policy_ledger_store_append_conflicts_total counter$/m);
      expect(text).toMatch(/^policy_ledger_projection_lag_events\{projection="determinations"\} 0$/m);
      expect(text).toMatch(/^policy_ledger_applied_position [1-9]\d*$/m);
      expect(text).toMatch(/^policy_ledger_process_resident_memory_bytes \d+/m);
      // Labels never carry what a client chose (operation names, ids).
      expect(text).not.toMatch(/metrics-1/);
    });
  });

  describe('METRICS=off (and no OTLP endpoint)', () => {
    let api: ApiHarness;
    beforeAll(async () => {
      api = await ApiHarness.start('sqlite', { env: { METRICS: 'off' } });
    });
    afterAll(() => api.stop());

    it('serves no /metrics, and answers and records as with them', async () => {
      const { issueDetermination } = await api.data(ISSUE, { input: indiaShipment('metrics-off', 10) }, 'determiner');
      expect(issueDetermination.outcome).toBe('LICENSE_EXCEPTION');
      const refused = await api.gql(ISSUE, { input: indiaShipment('metrics-off-2', 10) }, 'viewer');
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await fetch(api.url.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
    });
  });

  describe('OpenTelemetry traces over OTLP', () => {
    let api: ApiHarness;
    let collector: TestCollector;
    beforeAll(async () => {
      collector = new TestCollector();
      const endpoint = await collector.start();
      api = await ApiHarness.start('sqlite', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } });
    });
    afterAll(async () => {
      await api.stop();
      await collector.stop();
    });

    it('traces a determination as one trace: HTTP request, GraphQL operation, command, store reads and appends', async () => {
      await api.data(ISSUE, { input: indiaShipment('traced', 10) }, 'determiner');
      const spans = await eventually(
        async () => collector.spans,
        (received) => received.some((span) => span.name === 'command IssueDetermination'),
        15_000,
      );
      const command = spans.find((span) => span.name === 'command IssueDetermination');
      expect(command).toBeDefined();
      const trace = spans.filter((span) => span.traceId === command!.traceId);
      const names = new Set(trace.map((span) => span.name));
      for (const name of ['HTTP POST', 'graphql.operation', 'command IssueDetermination', 'store.append', 'store.read']) expect(names).toContain(name);
      // One tree: a single root (the HTTP request), every other span's parent in the same trace.
      const ids = new Set(trace.map((span) => span.spanId));
      const roots = trace.filter((span) => !span.parentSpanId);
      expect(roots.map((span) => span.name)).toEqual(['HTTP POST']);
      for (const span of trace) if (span.parentSpanId) expect(ids).toContain(span.parentSpanId);
      const byId = new Map(trace.map((span) => [span.spanId, span]));
      const appendParents = trace.filter((span) => span.name === 'store.append').map((span) => byId.get(span.parentSpanId!)!.name);
      expect(appendParents).toContain('command IssueDetermination');
    });
  });
});
