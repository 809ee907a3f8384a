import { ConcurrencyError, type EventStore } from '#event-store';
import { streamCategory, type ApiMetrics } from './api-metrics.js';
import type { Tracing } from './tracing.js';

/**
 * The event store, with every append timed and counted (conflicts by stream category) and
 * appends and reads traced. A proxy, not a subclass: the adapter stays what it is (the read model
 * asks whether it is the SQLite store), and every other member passes through untouched.
 */
export function instrumentedStore(store: EventStore, metrics: ApiMetrics, tracing: Tracing): EventStore {
  const append: EventStore['append'] = async (stream, events, expected) => {
    const category = streamCategory(stream);
    const stop = metrics.appendDuration.startTimer({ category });
    return tracing.span('store.append', { 'policy_ledger.stream_category': category, 'policy_ledger.events': events.length }, async () => {
      try {
        const result = await store.append(stream, events, expected);
        stop({ result: 'ok' });
        return result;
      } catch (error) {
        const conflict = error instanceof ConcurrencyError;
        stop({ result: conflict ? 'conflict' : 'error' });
        if (conflict) metrics.appendConflicts.inc({ category });
        throw error;
      }
    });
  };
  const readStream: EventStore['readStream'] = (stream, options) =>
    tracing.span('store.read', { 'policy_ledger.stream_category': streamCategory(stream) }, () => store.readStream(stream, options));
  const readAll: EventStore['readAll'] = (options) => tracing.span('store.read_all', {}, () => store.readAll(options));
  const replaced: Partial<Record<keyof EventStore, unknown>> = { append, readStream, readAll };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (typeof property === 'string' && property in replaced) return replaced[property as keyof EventStore];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
