import type { MercuriusContext, preExecutionHookHandler, preParsingHookHandler } from 'mercurius';
import { nextTurn, type WorkContext } from '#api-kit';
import { requestWork } from './request-work.js';

/** A list in an operation's variables from this length on (a determination's items) earns its request turns of the event loop. */
export const LONG_VARIABLE_LIST = 100;

type Context = MercuriusContext & WorkContext;

/**
 * Mercurius hooks that give an operation whose variables hold a long list (an evaluation of a
 * thousand items) a turn of the event loop before each synchronous pass over them
 * (docs/adr/026-work-in-turns.md). Mercurius reads such variables twice in one go: graphql-js
 * coerces them to check them, then graphql-jit's compiled query coerces them again; for 1,000
 * items that held the loop 25 to 36 ms, and three requests whose bodies arrived together were
 * all read in the same poll phase. So the preParsing hook waits for a turn before the first
 * reading, the preExecution hook (registered last) between the two. Both take the request's work
 * (deadline, disconnect), so an abandoned request stops here. Operations with short variables,
 * the usual ones, do not wait.
 */
export function longVariableTurns(deadlineMs: number): { preParsing: preParsingHookHandler<Context>; preExecution: preExecutionHookHandler<Context> } {
  const turn = (context: Context, variables: unknown): Promise<void> | undefined => {
    if (!holdsLongList(variables, 3)) return undefined;
    const reply = context.reply as MercuriusContext['reply'] | undefined;
    if (reply !== undefined) context.work ??= requestWork(reply, deadlineMs);
    return nextTurn(context.work?.signal);
  };
  return {
    preParsing: (_schema, _source, context) => turn(context, (context.reply?.request.body as { variables?: unknown } | undefined)?.variables),
    preExecution: (_schema, _document, context, variables) => turn(context, variables),
  };
}

/** Whether `value` holds a list of LONG_VARIABLE_LIST or more, looking `depth` objects deep (lists are not looked into). */
function holdsLongList(value: unknown, depth: number): boolean {
  if (Array.isArray(value)) return value.length >= LONG_VARIABLE_LIST;
  if (depth === 0 || typeof value !== 'object' || value === null) return false;
  for (const member of Object.values(value)) if (holdsLongList(member, depth - 1)) return true;
  return false;
}
