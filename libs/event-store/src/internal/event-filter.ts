import type { EventFilter } from '../event-store.port.js';

export interface NormalizedFilter {
  prefixes: string[] | undefined;
  types: Set<string> | undefined;
}

export function normalizeFilter(filter: EventFilter): NormalizedFilter {
  const prefixes = filter.streamPrefix === undefined ? undefined : Array.isArray(filter.streamPrefix) ? filter.streamPrefix : [filter.streamPrefix];
  return {
    prefixes: prefixes && prefixes.length > 0 ? prefixes : undefined,
    types: filter.eventTypes && filter.eventTypes.length > 0 ? new Set(filter.eventTypes) : undefined,
  };
}

export function matchesFilter(filter: NormalizedFilter, stream: string, type: string): boolean {
  if (filter.types && !filter.types.has(type)) return false;
  if (filter.prefixes && !filter.prefixes.some((p) => stream.startsWith(p))) return false;
  return true;
}

/** Whether an event is one the filter selects, as the store's reads and subscriptions decide it. */
export function eventFilterMatcher(filter: EventFilter): (event: { stream: string; type: string }) => boolean {
  const normalized = normalizeFilter(filter);
  return (event) => matchesFilter(normalized, event.stream, event.type);
}
