import type { EventStore } from '#event-store';

/** A store that can say where its log ends (the EventStoreDB adapter reads $all backwards). */
interface WithHeadPosition {
  headPosition(): Promise<number>;
}

function hasHeadPosition(store: EventStore): store is EventStore & WithHeadPosition {
  return typeof (store as Partial<WithHeadPosition>).headPosition === 'function';
}

/**
 * The position of the last event in the store's log (0 when it is empty). The port reads the log
 * forwards only; EventStoreDB says it directly, and the embedded stores (SQLite, memory) accept
 * any position to read after, so their head is found by a galloping then binary search, a few
 * dozen indexed one-row reads for a log of millions.
 */
export async function storeHead(store: EventStore): Promise<number> {
  if (hasHeadPosition(store)) return store.headPosition();
  const after = async (position: number): Promise<number | undefined> => (await store.readAll({ fromPosition: position, maxCount: 1 }))[0]?.position;
  // Invariant: `known` is the position of an event (or 0) and no event lies after `bound`.
  let known = 0;
  let bound = 1;
  for (let next = await after(bound); next !== undefined; next = await after(bound)) {
    known = next;
    bound = Math.max(bound * 2, next);
  }
  for (;;) {
    const next = await after(known);
    if (next === undefined) return known;
    const middle = Math.floor((next + bound) / 2);
    const beyond = await after(middle);
    if (beyond === undefined) bound = middle;
    known = beyond ?? next;
  }
}
