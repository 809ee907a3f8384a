import { GraphQLError } from 'graphql';

/** The fixed set of `extensions.code` values clients can rely on (API.md "Errors"). */
export const API_ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'POLICY_INVALID',
  'QUOTA_EXCEEDED',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorExtensions {
  code: ApiErrorCode;
  [key: string]: unknown;
}

/** What a client sees of an error: a safe message and the extensions. */
export interface ApiErrorBody {
  message: string;
  extensions: ApiErrorExtensions;
}

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return (API_ERROR_CODES as readonly unknown[]).includes(value);
}

/**
 * An error already translated for clients (and, if internal, already logged). It is a
 * GraphQLError so that paths that bypass the error formatter (Mercurius sends errors raised while
 * starting a subscription as they are) still carry the right `extensions.code`.
 */
export class ApiGraphQLError extends GraphQLError {
  declare readonly extensions: ApiErrorExtensions;

  constructor(body: ApiErrorBody) {
    super(body.message, { extensions: body.extensions });
    this.name = 'ApiGraphQLError';
  }
}

/** No bearer token, or one that is expired, malformed or not signed by a trusted key. */
export class UnauthenticatedError extends Error {
  readonly code = 'UNAUTHENTICATED';

  constructor(message: string) {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}
