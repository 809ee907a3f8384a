import { HttpException } from '@nestjs/common';
import { DomainError } from '#domain';
import { StoreConflictError, StoreUnavailableError } from '#event-store';
import { GraphQLError, Kind } from 'graphql';
import { literalPath } from '../graphql/literal-paths.rule.js';
import { ApiGraphQLError, UnauthenticatedError, isApiErrorCode, type ApiErrorBody, type ApiErrorCode } from './api-error.js';

/** Called with every error that becomes INTERNAL, so its stack reaches the server log (never the client). */
export type InternalErrorLogger = (error: unknown) => void;

const INTERNAL_MESSAGE = 'Internal server error';

/**
 * The one place that decides what a client sees of an error raised while executing an operation
 * (resolvers, guards, pipes, hooks). Domain errors keep their message and details; anything
 * unexpected becomes INTERNAL with a generic message and is logged.
 */
export function describeError(error: unknown, logInternal: InternalErrorLogger): ApiErrorBody {
  if (error instanceof ApiGraphQLError) return { message: error.message, extensions: error.extensions };
  if (error instanceof GraphQLError && error.originalError !== undefined) return describeError(error.originalError, logInternal);
  if (error instanceof UnauthenticatedError) return body(error.message, 'UNAUTHENTICATED');
  if ((error instanceof DomainError || error instanceof StoreConflictError) && isApiErrorCode(error.code)) return describeDomainError(error);
  // The store did not answer (STORE_UNAVAILABLE) or cannot grow (STORE_FULL): nothing the caller
  // did wrong, nothing was written, and retrying later may succeed.
  if (error instanceof StoreUnavailableError) return body(error.message, 'INTERNAL', { reason: error.code, retryable: true });
  if (error instanceof HttpException) {
    const code = HTTP_STATUS_CODES[error.getStatus()];
    if (code !== undefined) return body(error.message, code, code === 'BAD_USER_INPUT' ? { fields: [] } : {});
  }
  // GraphQLErrors raised on purpose with one of our codes (e.g. by a scalar) are already safe.
  // (graphql-jit's own GraphQLErrors may have no extensions at all.)
  if (error instanceof GraphQLError && isApiErrorCode(error.extensions?.code)) {
    return { message: error.message, extensions: { ...error.extensions, code: error.extensions.code } };
  }
  logInternal(error);
  return body(INTERNAL_MESSAGE, 'INTERNAL');
}

/**
 * Errors that refused the request before execution: a document that does not parse or validate
 * (including the depth and complexity limits and variable values), or a malformed HTTP request.
 * Their messages come from graphql-js, Fastify or our validation rules and are safe to show.
 */
export function describeRequestError(error: Error): ApiErrorBody {
  const extensions = (error instanceof GraphQLError ? error.extensions : undefined) ?? {};
  const fields = Array.isArray(extensions.fields) ? extensions.fields : (literalFields(error) ?? fieldsNamedIn(error.message));
  return { message: error.message, extensions: { ...extensions, code: 'BAD_USER_INPUT', fields } };
}

/**
 * A value written in the document is reported at its node: the path literalPathsRule recorded
 * for it, plus the field's name when an object literal lacks a required one.
 */
function literalFields(error: Error): string[] | undefined {
  const node = (error as Partial<GraphQLError>).nodes?.[0];
  const path = node === undefined ? undefined : literalPath(node);
  if (node === undefined || path === undefined) return undefined;
  const missing = node.kind === Kind.OBJECT ? REQUIRED_FIELD_MISSING.exec(error.message) : null;
  return [missing ? `${path}.${missing[1]}` : path];
}

const REQUIRED_FIELD_MISSING = /^Field "\w+\.(\w+)" of required type/;

function describeDomainError(error: Pick<DomainError, 'code' | 'message' | 'details'>): ApiErrorBody {
  const details = error.details;
  switch (error.code) {
    case 'BAD_USER_INPUT':
      return body(error.message, error.code, { ...details, fields: inputFields(details) });
    case 'CONFLICT':
      return body(error.message, error.code, {
        ...details,
        expected: details.expectedVersion ?? details.expectedRevision ?? details.expectedPosition,
        actual: details.actualVersion ?? details.actualRevision ?? details.actualPosition,
      });
    case 'POLICY_INVALID':
      return body(error.message, error.code, { position: details });
    default:
      return body(error.message, error.code, details);
  }
}

function inputFields(details: Record<string, unknown>): unknown[] {
  if (Array.isArray(details.fields)) return details.fields;
  return typeof details.path === 'string' ? [details.path] : [];
}

const HTTP_STATUS_CODES: Record<number, ApiErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'QUOTA_EXCEEDED',
};

function body(message: string, code: ApiErrorCode, details: Record<string, unknown> = {}): ApiErrorBody {
  return { message, extensions: { ...details, code } };
}

/**
 * graphql-js reports validation and variable-coercion problems as text only; these patterns
 * recover the offending field or argument path from its messages (best effort: [] otherwise).
 */
const FIELD_PATTERNS: RegExp[] = [
  /^Variable "\$\w+" got invalid value .*? at "([^"]+)"/s,
  /^Variable "\$(\w+)"/,
  /^Cannot query field "(\w+)"/,
  /^Unknown argument "(\w+)"/,
  /^Field "[\w.]+" argument "(\w+)"/,
  REQUIRED_FIELD_MISSING,
  /^Field "(\w+)" is not defined by type/,
];

/** `Variable "$input" got invalid value …[ at "input.items[0]"]; Field "colour" is not defined by type …` */
const UNKNOWN_FIELD_IN_VARIABLE = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?; Field "(\w+)" is not defined by type/s;

function fieldsNamedIn(message: string): string[] {
  const unknown = UNKNOWN_FIELD_IN_VARIABLE.exec(message);
  if (unknown) return [`${(unknown[2] ?? unknown[1]).replace(/\[(\d+)\]/g, '.$1')}.${unknown[3]}`];
  for (const pattern of FIELD_PATTERNS) {
    const match = pattern.exec(message);
    if (match?.[1] !== undefined) return [match[1].replace(/\[(\d+)\]/g, '.$1')];
  }
  return [];
}
