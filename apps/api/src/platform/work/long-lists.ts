import { defaultFieldResolver, getNamedType, getNullableType, isListType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { nextTurn, type WorkContext } from '#api-kit';

/** Elements of a list completed in one turn of the event loop. */
export const LIST_CHUNK = 500;

type Resolver = GraphQLFieldResolver<unknown, WorkContext | undefined, Record<string, unknown>>;

/**
 * A schema transform: a list of objects longer than LIST_CHUNK (the trace of a thousand items is
 * twelve thousand entries) is completed LIST_CHUNK elements per turn of the event loop instead of
 * all at once. graphql-js completes a list's elements as they resolve, so each chunk's elements
 * are promises released by nextTurn (which stops when the request's work is cancelled); shorter
 * lists, the usual ones, are returned as they are.
 */
export function longListTurns(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const nullable = getNullableType(field.type);
      if (!isListType(nullable) || !isObjectType(getNamedType(nullable))) continue;
      const resolve = (field.resolve ?? defaultFieldResolver) as Resolver;
      field.resolve = ((source, args, context, info) => {
        const list: unknown = resolve(source, args, context, info);
        const signal = context?.work?.signal;
        if (list instanceof Promise) return list.then((resolved) => chunked(resolved, signal));
        return chunked(list, signal);
      }) satisfies Resolver;
    }
  }
  return schema;
}

function chunked(list: unknown, signal: AbortSignal | undefined): unknown {
  return Array.isArray(list) && list.length > LIST_CHUNK ? inTurns(list, signal) : list;
}

/** The elements as promises, a chunk per turn; a cancelled request's remaining chunks fail (the reason, once per element). */
function inTurns(list: unknown[], signal: AbortSignal | undefined): unknown[] {
  const elements = new Array<unknown>(list.length);
  let turn: Promise<void> = Promise.resolve();
  for (let start = 0; start < list.length; start += LIST_CHUNK) {
    turn = turn.then(() => nextTurn(signal));
    const chunkTurn = turn;
    for (let index = start; index < Math.min(list.length, start + LIST_CHUNK); index++) {
      const element = list[index];
      elements[index] = chunkTurn.then(() => element);
    }
  }
  return elements;
}
