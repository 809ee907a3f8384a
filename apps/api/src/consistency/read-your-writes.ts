import type { FastifyReply } from 'fastify';
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { CONSISTENT_WITH_ARGUMENT } from '#api-kit';
import { InvalidInputError } from '#domain';
import type { NodeFeed } from './node-feed.service.js';
import { NotCaughtUpError } from './not-caught-up.error.js';

/** Set on the response of a mutation: the commit position of what it wrote (the highest, if several). */
export const COMMIT_POSITION_HEADER = 'x-commit-position';
/** Sent with a query: answer only once this node has applied this position (for every root query field). */
export const CONSISTENT_WITH_HEADER = 'x-consistent-with';

interface GraphqlContext {
  reply?: FastifyReply;
}

type Resolver = GraphQLFieldResolver<unknown, GraphqlContext, Record<string, unknown>>;

/**
 * Read-your-writes for every root field (docs/adr/011-read-your-writes.md), so resolvers stay thin:
 * - a query with the `x-consistent-with` header or a `consistentWith` argument waits until this
 *   node's projections have applied that position (NodeFeed), up to `timeoutMs`, else fails with
 *   a retryable CONFLICT (reason NOT_CAUGHT_UP);
 * - a mutation's result position is sent back in the `x-commit-position` header.
 *
 * A schema transform (GqlModuleOptions.transformSchema) that wraps the root fields' resolvers, not
 * a Nest interceptor: a global interceptor puts every resolver call through RxJS, which cost the
 * `evaluate` query a sixth of its server time (docs/benchmarks.md). The wrapped resolvers are
 * Nest's, so authentication (a Mercurius hook) has run before a query waits.
 */
export function readYourWrites(feed: NodeFeed, timeoutMs: number): (schema: GraphQLSchema) => GraphQLSchema {
  return (schema) => {
    wrapFields(schema.getQueryType(), (resolve) => consistentQuery(resolve, feed, timeoutMs));
    wrapFields(schema.getMutationType(), reportingCommitPosition);
    return schema;
  };
}

// The schema is built for this app alone, so its root fields are wrapped in place.
function wrapFields(type: GraphQLObjectType | null | undefined, wrap: (resolve: Resolver) => Resolver): void {
  for (const field of Object.values(type?.getFields() ?? {})) {
    field.resolve = wrap((field.resolve ?? defaultFieldResolver) as Resolver);
  }
}

function consistentQuery(resolve: Resolver, feed: NodeFeed, timeoutMs: number): Resolver {
  return (source, args, context, info) => {
    const position = requestedPosition(args[CONSISTENT_WITH_ARGUMENT], context.reply?.request.headers[CONSISTENT_WITH_HEADER]);
    if (position === undefined) return resolve(source, args, context, info);
    const started = Date.now();
    return feed.waitUntilApplied(position, timeoutMs).then((applied) => {
      if (!applied) throw new NotCaughtUpError(position, feed.appliedPosition(), Date.now() - started);
      return resolve(source, args, context, info);
    });
  };
}

function reportingCommitPosition(resolve: Resolver): Resolver {
  return async (source, args, context, info) => {
    const result: unknown = await resolve(source, args, context, info);
    const position = (result as { position?: unknown } | null | undefined)?.position;
    const reply = context.reply;
    if (reply && typeof position === 'number') {
      const earlier = Number(reply.getHeader(COMMIT_POSITION_HEADER) ?? -1);
      reply.header(COMMIT_POSITION_HEADER, String(Math.max(earlier, position)));
    }
    return result;
  };
}

/** The position a query must be consistent with: the higher of the argument and the header, if any. */
export function requestedPosition(argument: unknown, header: string | string[] | undefined): number | undefined {
  const positions: number[] = [];
  if (argument !== undefined && argument !== null) {
    if (typeof argument !== 'number' || !Number.isSafeInteger(argument) || argument < 0) {
      throw new InvalidInputError(
        `${CONSISTENT_WITH_ARGUMENT}: must be a commit position (a whole number >= 0), got ${String(argument)}`,
        CONSISTENT_WITH_ARGUMENT,
      );
    }
    positions.push(argument);
  }
  if (header !== undefined) {
    const text = Array.isArray(header) ? header.at(-1)! : header;
    if (!/^\d{1,16}$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) {
      throw new InvalidInputError(
        `${CONSISTENT_WITH_HEADER} header: must be a commit position (a whole number >= 0), got '${text.slice(0, 40)}'`,
        CONSISTENT_WITH_HEADER,
      );
    }
    positions.push(Number(text));
  }
  return positions.length === 0 ? undefined : Math.max(...positions);
}
