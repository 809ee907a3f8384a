import type { ArgumentsHost } from '@nestjs/common';
import { GqlArgumentsHost } from '@nestjs/graphql';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The logger of the HTTP request an operation serves (Fastify's `request.log`), whose lines carry
 * the request id as `correlationId`; undefined for a graphql-ws operation. Taken from the
 * operation's context rather than kept in AsyncLocalStorage: on Node 20 that hooks every promise,
 * which cost each GraphQL request about a sixth of its server time (docs/benchmarks.md).
 */
export function requestLogOf(host: ArgumentsHost): FastifyBaseLogger | undefined {
  if (host.getType<string>() === 'graphql') return GqlArgumentsHost.create(host).getContext<{ reply?: FastifyReply }>().reply?.request.log;
  if (host.getType() === 'http') return host.switchToHttp().getRequest<FastifyRequest>().log;
  return undefined;
}
