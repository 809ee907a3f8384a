import { storeHistory } from '#api-kit';
import { evolveAmendment, initialAmendmentState, type AmendmentEvent, type AmendmentState } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { toAmendmentView } from './amendment-view.js';
import { AMENDMENT_STREAM_PREFIX } from './amendments.projection.js';
import type { AmendmentType } from './graphql/amendment.type.js';

/**
 * The history of amendmentStatusChanged after a position: each amendment event as the view it
 * produced. An amendment first met part-way through its stream is folded from its earlier events.
 */
export function amendmentHistory(store: EventStore) {
  const states = new Map<string, AmendmentState>();
  const fold = (state: AmendmentState, event: RecordedEvent) => evolveAmendment(state, { type: event.type, data: event.data } as AmendmentEvent);
  return storeHistory<AmendmentType>(store, { streamPrefix: AMENDMENT_STREAM_PREFIX }, async (event) => {
    const id = event.stream.slice(AMENDMENT_STREAM_PREFIX.length);
    let state = states.get(id);
    if (state === undefined) {
      const earlier = event.revision > 0 ? await store.readStream(event.stream, { maxCount: event.revision }) : [];
      state = earlier.reduce(fold, initialAmendmentState());
    }
    state = fold(state, event);
    states.set(id, state);
    return [toAmendmentView(state, event.position)];
  });
}
