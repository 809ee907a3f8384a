import { Module } from '@nestjs/common';
import type { GraphQLSchema } from 'graphql';
import type { onResolutionHookHandler } from 'mercurius';
import { WebhooksModule } from '#webhooks';
import { AppConfig } from '../platform/index.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { NodeFeed } from './node-feed.service.js';
import { readYourWrites } from './read-your-writes.js';
import { staleResponses } from './stale-responses.js';
import { StoreLink } from './store-link.service.js';

/** What the GraphQL driver options take from this module: a Mercurius hook and a schema transform. */
export class ConsistencyHooks {
  constructor(
    readonly onResolution: onResolutionHookHandler,
    readonly transformSchema: (schema: GraphQLSchema) => GraphQLSchema,
  ) {}
}

/**
 * Read-your-writes and staleness for a node among several (docs/adr/011-read-your-writes.md):
 * the node's feed position, the store's reachability, the root-field wrappers that wait for
 * `consistentWith` and return `x-commit-position`, and the hook that marks stale answers.
 */
@Module({
  imports: [ProjectionsModule, WebhooksModule],
  providers: [
    NodeFeed,
    StoreLink,
    {
      provide: ConsistencyHooks,
      inject: [StoreLink, NodeFeed, AppConfig],
      useFactory: (link: StoreLink, feed: NodeFeed, config: AppConfig) =>
        new ConsistencyHooks(staleResponses(link, feed), readYourWrites(feed, config.consistencyTimeoutMs)),
    },
  ],
  exports: [NodeFeed, StoreLink, ConsistencyHooks],
})
export class ConsistencyModule {}
