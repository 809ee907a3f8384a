import { useEffect, useState } from 'preact/hooks';
import type { Operation } from './generated.js';
import { ApiError, request } from './graphql.js';

export type QueryState<Result> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'done'; data: Result };

/** Runs an operation whenever its variables change (compared as JSON); a newer run cancels the older. */
export function useQuery<Result, Variables>(operation: Operation<Result, Variables>, variables: Variables | undefined): QueryState<Result> {
  const [state, setState] = useState<QueryState<Result>>({ status: 'loading' });
  const key = JSON.stringify(variables ?? null);
  useEffect(() => {
    if (variables === undefined) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    request(operation, variables, controller.signal).then(
      (data) => setState({ status: 'done', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', error: error instanceof ApiError ? error : new ApiError(String(error), 'INTERNAL') });
      },
    );
    return () => controller.abort();
  }, [operation, key]);
  return state;
}
