import type { Actor } from '#domain';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { MercuriusContext, preParsingHookHandler, preSubscriptionParsingHookHandler } from 'mercurius';
import { ApiGraphQLError, UnauthenticatedError } from '../errors/api-error.js';
import { describeError } from '../errors/describe-error.js';
import type { AuthService } from './auth.service.js';

/** What the platform adds to the GraphQL context of every operation. */
export interface PlatformGraphqlContext extends Partial<MercuriusContext> {
  /** The authenticated caller: from the HTTP Authorization header, or from the graphql-ws connection_init payload. */
  actor?: Actor;
  /** Why a graphql-ws connection has no actor; reported when it starts an operation. */
  authError?: unknown;
  /** The HTTP request (Nest's Mercurius driver puts it here). */
  req?: FastifyRequest;
}

/**
 * Authentication for the Mercurius driver, before any parsing or validation, so that every
 * operation needs a valid token, `{ __typename }` and introspection included, and callers
 * without one learn nothing about the schema. Roles are checked per resolver by AuthGuard.
 *
 * HTTP: the `Authorization: Bearer` header. graphql-ws: the connection_init payload
 * (`{ Authorization: 'Bearer …' }`, `{ authorization }` or `{ headers: { … } }`). A connection
 * with a missing or bad token is accepted, but each operation it starts fails with
 * UNAUTHENTICATED, which tells the client why (a refused connection_init only closes the socket).
 */
export function graphqlAuth(auth: AuthService) {
  const preParsing: preParsingHookHandler = async (_schema, _source, context) => {
    const platformContext = context as PlatformGraphqlContext;
    if (platformContext.actor !== undefined) return;
    if (platformContext.authError !== undefined) throw asApiError(platformContext.authError, platformContext);
    try {
      const request = context.reply?.request;
      platformContext.actor = await (request ? auth.authenticateRequest(request) : auth.authenticate(undefined));
    } catch (error) {
      throw asApiError(error, platformContext);
    }
  };

  const preSubscriptionParsing: preSubscriptionParsingHookHandler = async (_schema, _source, context) => {
    const platformContext = context as PlatformGraphqlContext;
    if (platformContext.actor === undefined) {
      throw asApiError(platformContext.authError ?? new UnauthenticatedError('The connection_init payload carries no bearer token'), platformContext);
    }
  };

  const onConnect = async ({ payload }: { payload: unknown }): Promise<Pick<PlatformGraphqlContext, 'actor' | 'authError'>> => {
    try {
      return { actor: await auth.authenticate(authorizationIn(payload)) };
    } catch (error) {
      return { authError: error };
    }
  };

  return { hooks: { preParsing, preSubscriptionParsing }, onConnect };
}

/** The Authorization value a graphql-ws connection_init payload carries, in any of the accepted places. */
export function authorizationIn(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const fields = payload as Record<string, unknown>;
  const headers = typeof fields.headers === 'object' && fields.headers !== null ? (fields.headers as Record<string, unknown>) : {};
  return fields.Authorization ?? fields.authorization ?? headers.Authorization ?? headers.authorization;
}

function asApiError(error: unknown, context: PlatformGraphqlContext): ApiGraphQLError {
  const log: FastifyBaseLogger | undefined = context.reply?.log ?? context.app?.log;
  return new ApiGraphQLError(describeError(error, (internal) => log?.error({ err: internal }, 'Authentication failed unexpectedly')));
}
