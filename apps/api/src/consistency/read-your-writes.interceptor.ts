import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyReply } from 'fastify';
import type { GraphQLResolveInfo } from 'graphql';
import { catchError, from, mergeMap, tap, throwError, type Observable } from 'rxjs';
import { CONSISTENT_WITH_ARGUMENT } from '#api-kit';
import { InvalidInputError } from '#domain';
import { StoreUnavailableError } from '#event-store';
import { AppConfig } from '../platform/index.js';
import { NodeFeed } from './node-feed.service.js';
import { NotCaughtUpError } from './not-caught-up.error.js';
import { StoreLink } from './store-link.service.js';

/** Set on the response of a mutation: the commit position of what it wrote (the highest, if several). */
export const COMMIT_POSITION_HEADER = 'x-commit-position';
/** Sent with a query: answer only once this node has applied this position (for every root query field). */
export const CONSISTENT_WITH_HEADER = 'x-consistent-with';

interface GraphqlContext {
  reply?: FastifyReply;
}

/**
 * Read-your-writes for every root field (docs/adr/011-read-your-writes.md), so resolvers stay thin:
 * - a query with the `x-consistent-with` header or a `consistentWith` argument waits until this
 *   node's projections have applied that position (NodeFeed), up to CONSISTENCY_TIMEOUT_MS, else
 *   fails with a retryable CONFLICT (reason NOT_CAUGHT_UP);
 * - a mutation's result position is sent back in the `x-commit-position` header;
 * - a StoreUnavailableError on the way out tells StoreLink the store is unreachable.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    private readonly feed: NodeFeed,
    private readonly link: StoreLink,
    private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const reply = gql.getContext<GraphqlContext>().reply;
    const noteOutage = catchError((error: unknown) => {
      if (error instanceof StoreUnavailableError) this.link.failed(error);
      return throwError(() => error);
    });

    if (info.parentType === info.schema.getMutationType()) {
      return next.handle().pipe(
        tap((result) => {
          const position = (result as { position?: unknown } | null | undefined)?.position;
          if (reply && typeof position === 'number') {
            const earlier = Number(reply.getHeader(COMMIT_POSITION_HEADER) ?? -1);
            reply.header(COMMIT_POSITION_HEADER, String(Math.max(earlier, position)));
          }
        }),
        noteOutage,
      );
    }
    if (info.parentType !== info.schema.getQueryType()) return next.handle();

    const position = requestedPosition(gql.getArgs<Record<string, unknown>>()[CONSISTENT_WITH_ARGUMENT], reply?.request.headers[CONSISTENT_WITH_HEADER]);
    if (position === undefined) return next.handle().pipe(noteOutage);
    const started = Date.now();
    return from(this.feed.waitUntilApplied(position, this.config.consistencyTimeoutMs)).pipe(
      mergeMap((applied) => (applied ? next.handle() : throwError(() => new NotCaughtUpError(position, this.feed.appliedPosition(), Date.now() - started)))),
      noteOutage,
    );
  }
}

/** The position a query must be consistent with: the higher of the argument and the header, if any. */
export function requestedPosition(argument: unknown, header: string | string[] | undefined): number | undefined {
  const positions: number[] = [];
  if (argument !== undefined && argument !== null) {
    if (typeof argument !== 'number' || !Number.isSafeInteger(argument) || argument < 0) {
      throw new InvalidInputError(`${CONSISTENT_WITH_ARGUMENT}: must be a commit position (a whole number >= 0), got ${String(argument)}`, CONSISTENT_WITH_ARGUMENT);
    }
    positions.push(argument);
  }
  if (header !== undefined) {
    const text = Array.isArray(header) ? header.at(-1)! : header;
    if (!/^\d{1,16}$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) {
      throw new InvalidInputError(`${CONSISTENT_WITH_HEADER} header: must be a commit position (a whole number >= 0), got '${text.slice(0, 40)}'`, CONSISTENT_WITH_HEADER);
    }
    positions.push(Number(text));
  }
  return positions.length === 0 ? undefined : Math.max(...positions);
}
