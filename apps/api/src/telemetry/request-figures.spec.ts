import { Counter, Histogram, Registry } from 'prom-client';
import { RequestFigures } from './request-figures.js';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const names = { requests: 'x_requests_total', duration: 'x_request_duration_seconds' };
const help = { requests: 'Requests', duration: 'Latency' };

describe('RequestFigures', () => {
  it("serves exactly what prom-client's own counter and histogram serve for the same requests", async () => {
    const figures = new RequestFigures(names, help);
    const ours = new Registry();
    for (const metric of figures.metrics()) ours.registerMetric(metric);
    const reference = new Registry();
    const counter = new Counter({ name: names.requests, help: help.requests, labelNames: ['operation', 'outcome'], registers: [reference] });
    const histogram = new Histogram({ name: names.duration, help: help.duration, labelNames: ['operation'], buckets: BUCKETS, registers: [reference] });
    const requests: [string, string, number][] = [
      ['query evaluate', 'ok', 0.0004],
      ['query evaluate', 'ok', 0.001],
      ['query evaluate', 'FORBIDDEN', 0.0031],
      ['mutation issueDetermination', 'ok', 0.04],
      ['GET /v1/determinations/:id', '404', 12],
      ['query "quoted"\\path', 'ok', 0.25],
    ];
    for (const [operation, outcome, seconds] of requests) {
      figures.record(operation, outcome, seconds);
      counter.inc({ operation, outcome });
      histogram.observe({ operation }, seconds);
    }
    const lines = async (registry: Registry) => (await registry.metrics()).split('\n').sort();
    expect(await lines(ours)).toEqual(await lines(reference));
    expect(await ours.metrics()).toMatch(/^x_request_duration_seconds_bucket\{le="0\.001",operation="query evaluate"\} 2$/m);

    ours.resetMetrics();
    expect(await ours.metrics()).not.toMatch(/operation=/);
  });
});
