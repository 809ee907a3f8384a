import type { Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiMetrics } from './api-metrics.js';
import type { Tracing } from './tracing.js';

export const METRICS_PATH = '/metrics';

/** What the GraphQL hooks learn about a request, for its metrics line (graphql-telemetry.ts). */
export interface RequestTelemetry {
  startedAt: number;
  span?: Span;
  operation?: string;
  outcome?: string;
}

const TELEMETRY = Symbol('telemetry');

export function requestTelemetry(request: FastifyRequest): RequestTelemetry | undefined {
  return (request as unknown as { [TELEMETRY]?: RequestTelemetry })[TELEMETRY];
}

/**
 * Per request: a trace span (when tracing is on) and, once answered, the request count and
 * latency by operation and outcome; and GET /metrics in Prometheus's text format (metrics
 * undefined: METRICS=off, neither). `beforeScrape` refreshes the gauges read from the node's state.
 */
export function registerHttpTelemetry(fastify: FastifyInstance, metrics: ApiMetrics | undefined, tracing: Tracing, beforeScrape: () => void): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const telemetry: RequestTelemetry = { startedAt: performance.now() };
    (request as unknown as { [TELEMETRY]: RequestTelemetry })[TELEMETRY] = telemetry;
    // Tracing off: no span, so none of its attributes are built (this runs for every request).
    if (!tracing.enabled) return done();
    telemetry.span = tracing.startSpan(`HTTP ${request.method}`, { 'http.request.method': request.method, 'url.path': request.url.split('?')[0] }, done);
  });

  // The body is parsed in the socket's own async context, which loses the request's span: enter it
  // again just before the handler, so that what the handler does is traced as its children.
  if (tracing.enabled) {
    fastify.addHook('preHandler', (request, _reply, done) => {
      const span = requestTelemetry(request)?.span;
      if (span) tracing.continueIn(span, done);
      else done();
    });
  }

  fastify.addHook('onResponse', (request, reply, done) => {
    const telemetry = requestTelemetry(request);
    if (telemetry) {
      const route = request.routeOptions.url ?? 'unmatched';
      const operation = telemetry.operation ?? `${request.method} ${route}`;
      const outcome = telemetry.outcome ?? (reply.statusCode < 400 ? 'ok' : String(reply.statusCode));
      metrics?.requestCount.of(operation, outcome).inc();
      metrics?.requestLatency.of(operation).observe((performance.now() - telemetry.startedAt) / 1000);
      telemetry.span?.setAttributes({ 'http.route': route, 'http.response.status_code': reply.statusCode, 'policy_ledger.operation': operation });
      telemetry.span?.end();
    }
    done();
  });

  if (!metrics) return;
  fastify.get(METRICS_PATH, async (_request, reply) => {
    beforeScrape();
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });
}
