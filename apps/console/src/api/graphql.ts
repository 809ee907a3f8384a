import { currentSession, endSession } from '../session/session.js';
import type { Operation } from './generated.js';

/** A GraphQL error as the API reports it (API.md "Errors"). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * Runs an operation against /graphql with the session's token. A refused or expired token ends
 * the session, which brings the sign-in back with this page as the place to return to.
 */
export async function request<Result, Variables>(operation: Operation<Result, Variables>, variables: Variables, signal?: AbortSignal): Promise<Result> {
  const session = currentSession();
  if (session === undefined) {
    endSession();
    throw new ApiError('Please sign in.', 'UNAUTHENTICATED');
  }
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ query: operation, variables }),
    signal,
  });
  const body = (await response.json().catch(() => ({}))) as {
    data?: Result | null;
    errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
  };
  const error = body.errors?.[0];
  if (error !== undefined) {
    const code = error.extensions?.code ?? 'INTERNAL';
    if (code === 'UNAUTHENTICATED') endSession();
    throw new ApiError(error.message, code, error.extensions);
  }
  if (!response.ok || body.data == null) throw new ApiError(`The server answered ${response.status}.`, 'INTERNAL');
  return body.data;
}
