import { ApiMetrics } from './api-metrics.js';

describe('ApiMetrics', () => {
  it("starts prom-client's process and Node.js collectors only when asked (METRICS=off asks not)", async () => {
    const served = new ApiMetrics();
    const off = new ApiMetrics(false);
    expect(await served.registry.metrics()).toMatch(/^# TYPE policy_ledger_nodejs_gc_duration_seconds histogram$/m);
    expect(await served.registry.metrics()).toMatch(/^policy_ledger_process_resident_memory_bytes \d+/m);
    expect(await off.registry.metrics()).not.toMatch(/policy_ledger_(process|nodejs)_/);
  });

  it('keeps one labelled child per label combination', () => {
    const metrics = new ApiMetrics(false);
    expect(metrics.appendLatency.of('ledger', 'ok')).toBe(metrics.appendLatency.of('ledger', 'ok'));
    expect(metrics.appendLatency.of('ledger', 'ok')).not.toBe(metrics.appendLatency.of('ledger', 'conflict'));
  });
});
