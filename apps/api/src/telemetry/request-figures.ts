import type { Metric, MetricValue, MetricValueWithName } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface OperationFigures {
  readonly outcomes: Map<string, number>;
  /** Requests per latency bucket (not cumulative; the last one is +Inf). */
  readonly buckets: number[];
  sum: number;
  count: number;
}

/**
 * Requests by operation and outcome, and their latency by operation, counted in plain maps as each
 * request is answered and handed to prom-client only when /metrics is scraped. prom-client's own
 * inc() and observe() check and hash the labels on every call, even on a kept child: most of what
 * the metrics cost each request (a CPU profile of the cheapest query attributed about 3 us of its
 * ~100 to them). Label values are bounded (see ApiMetrics), so the maps are too.
 */
export class RequestFigures {
  private readonly operations = new Map<string, OperationFigures>();

  constructor(
    private readonly names: { requests: string; duration: string },
    private readonly help: { requests: string; duration: string },
  ) {}

  record(operation: string, outcome: string, seconds: number): void {
    let figures = this.operations.get(operation);
    if (figures === undefined) {
      figures = { outcomes: new Map(), buckets: new Array<number>(LATENCY_BUCKETS.length + 1).fill(0), sum: 0, count: 0 };
      this.operations.set(operation, figures);
    }
    figures.outcomes.set(outcome, (figures.outcomes.get(outcome) ?? 0) + 1);
    let bucket = 0;
    while (bucket < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[bucket]!) bucket++;
    figures.buckets[bucket]!++;
    figures.sum += seconds;
    figures.count++;
  }

  /** The request counter and the latency histogram, as metrics a prom-client Registry serves. */
  metrics(): Metric[] {
    const served = (name: string, help: string, type: 'counter' | 'histogram', values: () => MetricValue<string>[]) => ({
      name,
      help,
      type,
      aggregator: 'sum',
      get: async () => ({ name, help, type, aggregator: 'sum', values: values() }),
      reset: () => this.operations.clear(),
    });
    // prom-client's Registry asks a metric only for these members; its Metric type names its own classes.
    return [
      served(this.names.requests, this.help.requests, 'counter', () => this.counts()),
      served(this.names.duration, this.help.duration, 'histogram', () => this.latencies()),
    ] as unknown as Metric[];
  }

  private counts(): MetricValue<string>[] {
    const values: MetricValue<string>[] = [];
    for (const [operation, figures] of this.operations)
      for (const [outcome, count] of figures.outcomes) values.push({ labels: { operation, outcome }, value: count });
    return values;
  }

  private latencies(): MetricValueWithName<string>[] {
    const values: MetricValueWithName<string>[] = [];
    const { duration } = this.names;
    for (const [operation, figures] of this.operations) {
      let cumulative = 0;
      figures.buckets.forEach((count, bucket) => {
        cumulative += count;
        const le = bucket < LATENCY_BUCKETS.length ? LATENCY_BUCKETS[bucket]! : '+Inf';
        values.push({ metricName: `${duration}_bucket`, labels: { le, operation }, value: cumulative });
      });
      values.push({ metricName: `${duration}_sum`, labels: { operation }, value: figures.sum });
      values.push({ metricName: `${duration}_count`, labels: { operation }, value: figures.count });
    }
    return values;
  }
}
