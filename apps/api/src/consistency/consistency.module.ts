import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { onResolutionHookHandler } from 'mercurius';
import { DeterminationsModule } from '#determinations';
import { PolicyModule } from '#policy';
import { NodeFeed } from './node-feed.service.js';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor.js';
import { staleResponses } from './stale-responses.js';
import { StoreLink } from './store-link.service.js';

/** The Mercurius hook the GraphQL driver options take from this module. */
export class ConsistencyHooks {
  constructor(readonly onResolution: onResolutionHookHandler) {}
}

/**
 * Read-your-writes and staleness for a node among several (docs/adr/011-read-your-writes.md):
 * the node's feed position, the store's reachability, the interceptor that waits for
 * `consistentWith` and returns `x-commit-position`, and the hook that marks stale answers.
 */
@Module({
  imports: [PolicyModule, DeterminationsModule],
  providers: [
    NodeFeed,
    StoreLink,
    { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
    { provide: ConsistencyHooks, inject: [StoreLink, NodeFeed], useFactory: (link: StoreLink, feed: NodeFeed) => new ConsistencyHooks(staleResponses(link, feed)) },
  ],
  exports: [NodeFeed, StoreLink, ConsistencyHooks],
})
export class ConsistencyModule {}
