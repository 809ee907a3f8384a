/**
 * What the API puts in a GraphQL operation's context for its expensive fields
 * (apps/api/src/platform/work): the request's work, aborted when its deadline passes or its
 * client goes away. Long work hands the signal to nextTurn so that it stops between steps.
 */
export interface WorkContext {
  work?: { readonly signal: AbortSignal };
}
