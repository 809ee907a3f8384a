import { ConcurrencyError, type EventStore } from '#event-store';
import { streamCategory, type ApiMetrics } from './api-metrics.js';
import type { Tracing } from './tracing.js';

/**
 * The event store, with every append timed and counted (conflicts by stream category; not with
 * METRICS=off) and, when tracing is on, appends and reads traced. A proxy, not a subclass: the adapter stays what it is (the read model
 * asks whether it is the SQLite store), and every other member passes through untouched.
 */
export function instrumentedStore(store: EventStore, metrics: ApiMetrics | undefined, tracing: Tracing): EventStore {
  const timedAppend: EventStore['append'] = !metrics
    ? (stream, events, expected) => store.append(stream, events, expected)
    : async (stream, events, expected) => {
        const category = streamCategory(stream);
        const started = performance.now();
        const seconds = () => (performance.now() - started) / 1000;
        try {
          const result = await store.append(stream, events, expected);
          metrics.appendLatency.of(category, 'ok').observe(seconds());
          return result;
        } catch (error) {
          const conflict = error instanceof ConcurrencyError;
          metrics.appendLatency.of(category, conflict ? 'conflict' : 'error').observe(seconds());
          if (conflict) metrics.appendConflicts.inc({ category });
          throw error;
        }
      };
  // Tracing off (no OTLP endpoint): appends are timed and counted, reads pass straight through,
  // with no span attributes or wrapping closures built for them on every call.
  const replaced: Partial<Record<keyof EventStore, unknown>> = tracing.enabled
    ? {
        append: ((stream, events, expected) =>
          tracing.span('store.append', { 'policy_ledger.stream_category': streamCategory(stream), 'policy_ledger.events': events.length }, () =>
            timedAppend(stream, events, expected),
          )) satisfies EventStore['append'],
        readStream: ((stream, options) =>
          tracing.span('store.read', { 'policy_ledger.stream_category': streamCategory(stream) }, () =>
            store.readStream(stream, options),
          )) satisfies EventStore['readStream'],
        readAll: ((options) => tracing.span('store.read_all', {}, () => store.readAll(options))) satisfies EventStore['readAll'],
      }
    : { append: timedAppend };
  // Each method bound once, not at every call through the proxy.
  const bound = new WeakMap<object, unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      if (typeof property === 'string' && property in replaced) return replaced[property as keyof EventStore];
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      let method = bound.get(value);
      if (method === undefined) bound.set(value, (method = (value as (...args: unknown[]) => unknown).bind(target)));
      return method;
    },
  });
}
