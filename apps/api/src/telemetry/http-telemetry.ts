import type { Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notedOutcome } from '../platform/logging/http-logging.js';
import type { ApiMetrics } from './api-metrics.js';
import type { Tracing } from './tracing.js';

export const METRICS_PATH = '/metrics';

const SPAN = Symbol('span');
const OPERATION = Symbol('operation');
type InstrumentedRequest = FastifyRequest & { [SPAN]?: Span; [OPERATION]?: string };

/** The request's trace span, when tracing is on. */
export function requestSpan(request: FastifyRequest): Span | undefined {
  return (request as InstrumentedRequest)[SPAN];
}

/** Labels a request with its operation (GraphQL: type and root fields), for its metrics line and span. */
export function noteOperation(request: FastifyRequest, operation: string): void {
  (request as InstrumentedRequest)[OPERATION] = operation;
}

/**
 * Per request: a trace span (when tracing is on) and, once answered, the request count and
 * latency by operation and outcome; and GET /metrics in Prometheus's text format (metrics
 * undefined: METRICS=off, neither). `beforeScrape` refreshes the gauges read from the node's state.
 *
 * With tracing off this is one onResponse hook: the latency is Fastify's own (reply.elapsedTime,
 * from the request's start), the outcome the one the request log notes (the first error's code).
 */
export function registerHttpTelemetry(fastify: FastifyInstance, metrics: ApiMetrics | undefined, tracing: Tracing, beforeScrape: () => void): void {
  if (tracing.enabled) {
    fastify.addHook('onRequest', (request, _reply, done) => {
      (request as InstrumentedRequest)[SPAN] = tracing.startSpan(
        `HTTP ${request.method}`,
        { 'http.request.method': request.method, 'url.path': request.url.split('?')[0] },
        done,
      );
    });
    // The body is parsed in the socket's own async context, which loses the request's span: enter it
    // again just before the handler, so that what the handler does is traced as its children.
    fastify.addHook('preHandler', (request, _reply, done) => {
      const span = requestSpan(request);
      if (span) tracing.continueIn(span, done);
      else done();
    });
  }

  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    // GraphQL requests are labelled by their document; the route is read only for the others.
    const operation = (request as InstrumentedRequest)[OPERATION] ?? `${request.method} ${request.routeOptions.url ?? 'unmatched'}`;
    metrics?.recordRequest(operation, notedOutcome(request) ?? (status < 400 ? 'ok' : String(status)), reply.elapsedTime / 1000);
    const span = requestSpan(request);
    if (span) {
      span.setAttributes({ 'http.route': request.routeOptions.url ?? 'unmatched', 'http.response.status_code': status, 'policy_ledger.operation': operation });
      span.end();
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
