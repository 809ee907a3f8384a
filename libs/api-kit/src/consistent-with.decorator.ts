import { Args, Float } from '@nestjs/graphql';

/** The argument's name; the API's read-your-writes wrapper reads it from every root query. */
export const CONSISTENT_WITH_ARGUMENT = 'consistentWith';

/**
 * Declares the optional `consistentWith` argument of a read query: a commit position returned by a
 * mutation (its `position`, or the `x-commit-position` header). The API waits, up to a bound,
 * until this node has applied it before the resolver runs (apps/api/src/consistency); the resolver
 * itself ignores the value. Float, not Int: EventStoreDB positions are log offsets past 2^31.
 */
export function ConsistentWith(): ParameterDecorator {
  return Args(CONSISTENT_WITH_ARGUMENT, {
    type: () => Float,
    nullable: true,
    description: 'Read-your-writes: wait until this node has applied this commit position',
  });
}
