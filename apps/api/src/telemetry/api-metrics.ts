import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { RequestFigures } from './request-figures.js';

const PREFIX = 'policy_ledger_';

/** The stream categories the product writes (their names' prefixes): bounded label values. */
export function streamCategory(stream: string): string {
  const dash = stream.indexOf('-');
  const category = dash > 0 ? stream.slice(0, dash) : stream;
  return KNOWN_CATEGORIES.has(category) ? category : 'other';
}

const KNOWN_CATEGORIES = new Set(['policy', 'amendment', 'determination', 'ledger', 'webhook', 'audit']);

/**
 * A metric's labelled children, kept per label combination: `labels(...)` validates the values and
 * builds a child on every call. Bounded, as the label values are (see ApiMetrics).
 */
export class LabelledChildren<Child> {
  private readonly children = new Map<string, Child>();

  constructor(private readonly make: (...values: string[]) => Child) {}

  of(...values: string[]): Child {
    const key = values.join('\u0000');
    let child = this.children.get(key);
    if (child === undefined) this.children.set(key, (child = this.make(...values)));
    return child;
  }
}

/**
 * The API's Prometheus metrics (served at /metrics). Labels take only bounded values: operations
 * are route patterns or GraphQL root field names from the schema, never client-chosen names.
 */
export class ApiMetrics {
  readonly registry = new Registry();

  /** Requests by operation (GraphQL: type and root fields; HTTP: method and route) and outcome, and their latency. */
  private readonly requestFigures = new RequestFigures(
    { requests: `${PREFIX}requests_total`, duration: `${PREFIX}request_duration_seconds` },
    {
      requests: 'Requests served, by operation (GraphQL: type and root fields; HTTP: method and route) and outcome (ok or the error code or HTTP status)',
      duration: 'Time to answer a request, by operation',
    },
  );

  readonly determinations = new Counter({
    name: `${PREFIX}determinations_total`,
    help: 'Determinations this node recorded (issueDetermination, over GraphQL or REST), by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  readonly appendConflicts = new Counter({
    name: `${PREFIX}store_append_conflicts_total`,
    help: 'Appends refused for a concurrent write (optimistic concurrency), by stream category; each is retried. ledger = LPP ledger retries',
    labelNames: ['category'],
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: `${PREFIX}store_append_duration_seconds`,
    help: 'Time of an append to the event store, by stream category and result (ok, conflict, error)',
    labelNames: ['category', 'result'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly projectionLag = new Gauge({
    name: `${PREFIX}projection_lag_events`,
    help: 'Events this node has received and a projection has not yet applied, by projection',
    labelNames: ['projection'],
    registers: [this.registry],
  });

  readonly appliedPosition = new Gauge({
    name: `${PREFIX}applied_position`,
    help: 'The highest commit position every projection of this node has applied',
    registers: [this.registry],
  });

  readonly webhookBacklog = new Gauge({
    name: `${PREFIX}webhook_backlog`,
    help: "Per live webhook: deliveries not made yet (pending or being retried), as this node's read model knows them",
    labelNames: ['webhook'],
    registers: [this.registry],
  });

  readonly webhookDeadLettered = new Gauge({
    name: `${PREFIX}webhook_dead_lettered`,
    help: 'Per live webhook: deliveries given up on after their retry window (redeliver sends one again)',
    labelNames: ['webhook'],
    registers: [this.registry],
  });

  readonly webhookAttempts = new Counter({
    name: `${PREFIX}webhook_attempts_total`,
    help: 'Webhook delivery attempts this node made, by outcome (delivered, failed and retried later, dead_lettered)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  readonly rateLimitRefusals = new Counter({
    name: `${PREFIX}rate_limit_refusals_total`,
    help: 'Requests and operations refused by the per-caller rate limit (RATE_LIMITED), by transport (http, websocket)',
    labelNames: ['transport'],
    registers: [this.registry],
  });

  /** The children each append uses, kept: see LabelledChildren. */
  readonly appendLatency = new LabelledChildren((category, result) => this.appendDuration.labels(category!, result!));

  /** One answered request (see RequestFigures). */
  recordRequest(operation: string, outcome: string, seconds: number): void {
    this.requestFigures.record(operation, outcome, seconds);
  }

  /**
   * @param processFigures prom-client's process and Node.js collectors (one observes every garbage
   * collection): started only when /metrics is served, so METRICS=off runs none of them.
   */
  constructor(processFigures = true) {
    for (const metric of this.requestFigures.metrics()) this.registry.registerMetric(metric);
    if (processFigures) collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
  }
}
