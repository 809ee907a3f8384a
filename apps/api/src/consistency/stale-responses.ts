import type { onResolutionHookHandler } from 'mercurius';
import type { NodeFeed } from './node-feed.service.js';
import type { StoreLink } from './store-link.service.js';

/** Set on every GraphQL response while the store is unreachable: when the node last heard from it. */
export const STALE_SINCE_HEADER = 'x-stale-since';

/**
 * A Mercurius onResolution hook: an answer with a STORE_UNAVAILABLE error tells StoreLink the store
 * is unreachable, and while it is, every answer says it may be stale, in the `x-stale-since`
 * header and in `extensions.stale` ({ since, appliedPosition, lastEventAt }): what this node had
 * applied when it lost the store.
 */
export function staleResponses(link: StoreLink, feed: NodeFeed): onResolutionHookHandler {
  return async (execution, context) => {
    const outage = execution.errors?.find((error) => error.extensions?.reason === 'STORE_UNAVAILABLE');
    if (outage) link.failed(outage);
    const state = link.current();
    if (state.reachable) return;
    const since = state.lastContactAt.toISOString();
    context.reply?.header(STALE_SINCE_HEADER, since);
    const { appliedPosition, lastEventAt } = feed.localState();
    execution.extensions = { ...execution.extensions, stale: { reason: 'STORE_UNAVAILABLE', since, appliedPosition, lastEventAt: lastEventAt ?? null } };
  };
}
