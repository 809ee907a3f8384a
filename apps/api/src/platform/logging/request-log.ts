import type { ArgumentsHost } from '@nestjs/common';
import { GqlArgumentsHost } from '@nestjs/graphql';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The HTTP request an operation serves, from a GraphQL context or an HTTP route; none for a
 * graphql-ws operation. Its `id` is the correlation id, and its `log` writes lines that carry it.
 * Passed explicitly rather than kept in AsyncLocalStorage: on Node 20 that hooks every promise,
 * which cost each GraphQL request about a sixth of its server time (docs/benchmarks.md).
 */
export function requestOf(host: ArgumentsHost): FastifyRequest | undefined {
  if (host.getType<string>() === 'graphql') return GqlArgumentsHost.create(host).getContext<{ reply?: FastifyReply }>().reply?.request;
  if (host.getType() === 'http') return host.switchToHttp().getRequest<FastifyRequest>();
  return undefined;
}

/** The request-bound logger of the operation `host` serves, if it serves an HTTP request. */
export function requestLogOf(host: ArgumentsHost): FastifyBaseLogger | undefined {
  return requestOf(host)?.log;
}
