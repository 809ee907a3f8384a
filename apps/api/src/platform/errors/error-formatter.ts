import type { MercuriusCommonOptions } from 'mercurius';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { isApiErrorCode, type ApiErrorBody, type ApiErrorCode } from './api-error.js';
import { describeError, describeRequestError } from './describe-error.js';
import { noteOutcome } from '../logging/http-logging.js';

type ErrorFormatter = NonNullable<MercuriusCommonOptions['errorFormatter']>;

/**
 * Mercurius's `errorFormatter`: every error leaves with an `extensions.code` from the fixed set.
 *
 * HTTP status (docs/adr/009-api-platform-auth-errors-limits.md): 200 whenever the operation was executed,
 * whatever its errors (`data` is then present, null or partial). A request refused before
 * execution has no `data` and a 4xx/5xx status: 400 for an invalid document or variables (or the
 * status Fastify gave a malformed HTTP request, e.g. 405 or 415), 401 for a missing or bad token,
 * 500 for an unexpected failure.
 */
export function createErrorFormatter(): ErrorFormatter {
  return (execution, context) => {
    const log = context.reply?.log ?? context.app.log;
    const logInternal = (error: unknown) => log.error({ err: error }, 'Unexpected error while serving GraphQL');
    let requestStatus: number | undefined;
    const errors = execution.errors.flatMap((error): GraphQLFormattedError[] => {
      const cause = error.originalError;
      if (isRefusedRequest(cause)) {
        requestStatus = cause.statusCode;
        const inner = Array.isArray(cause.errors) && cause.errors.length > 0 ? (cause.errors as Error[]) : [cause];
        return inner.map((innerError) => formatted(innerError, describeRequestError(innerError)));
      }
      if (execution.data === undefined && isVariableCoercionError(error)) return [formatted(error, describeRequestError(error))];
      return [formatted(error, describeError(cause ?? error, logInternal))];
    });
    const code = errors[0]?.extensions?.code as ApiErrorCode;
    noteOutcome(context.reply?.request, code);
    if (execution.data !== undefined) {
      return { statusCode: 200, response: { data: execution.data, errors } };
    }
    return { statusCode: requestStatus ?? STATUS_BEFORE_EXECUTION[code] ?? 400, response: { errors } };
  };
}

const STATUS_BEFORE_EXECUTION: Partial<Record<ApiErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429, INTERNAL: 500 };

/** Fastify's and Mercurius's own 4xx errors: a document that failed validation, or a malformed HTTP request. */
function isRefusedRequest(error: unknown): error is Error & { statusCode: number; errors?: unknown } {
  const statusCode = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return error instanceof Error && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

/**
 * An execution without `data` never started: graphql-js (or graphql-jit) refused the variables,
 * e.g. a required one the request did not send at all. Such errors wrap no thrown error, sit at
 * no response path and carry no code of ours.
 */
function isVariableCoercionError(error: GraphQLError): boolean {
  return error.originalError == null && error.path === undefined && !isApiErrorCode(error.extensions?.code);
}

function formatted(error: Error, body: ApiErrorBody): GraphQLFormattedError {
  const { locations, path } = error as Partial<GraphQLError>;
  return {
    message: body.message,
    ...(locations !== undefined && { locations }),
    ...(path !== undefined && { path }),
    extensions: body.extensions,
  };
}
