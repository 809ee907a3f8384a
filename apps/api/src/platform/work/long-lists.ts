import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  locatedError,
  responsePathAsArray,
  type GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
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
        if (list instanceof Promise) return list.then((resolved) => chunked(resolved, signal, info));
        return chunked(list, signal, info);
      }) satisfies Resolver;
    }
  }
  return schema;
}

function chunked(list: unknown, signal: AbortSignal | undefined, info: GraphQLResolveInfo): unknown {
  return Array.isArray(list) && list.length > LIST_CHUNK ? inTurns(list, signal, info) : list;
}

/**
 * The elements as promises, a chunk per turn. When the request is cancelled, the remaining chunks
 * still fail one per turn, each element with one error already located at the list: graphql-js
 * keeps an error that has a path as it is, where it would build a GraphQLError (and capture a
 * stack) for each element, and graphql-jit builds one per element whatever it is given. Failing
 * all at once, the three abandoned 1,000-item evaluations of the hostile-input suite (36,000
 * trace entries) held the event loop 1.4 s. The elements are non-null throughout the schema, so
 * the error reaches the answer once.
 */
function inTurns(list: unknown[], signal: AbortSignal | undefined, info: GraphQLResolveInfo): unknown[] {
  const elements = new Array<unknown>(list.length);
  let cancelled: GraphQLError | undefined;
  const stillWanted = () => {
    if (signal?.aborted) throw (cancelled ??= locatedError(signal.reason, info.fieldNodes, responsePathAsArray(info.path)));
  };
  // The turns themselves never fail, so a cancelled request's chunks keep failing a turn apart.
  let turn: Promise<void> = Promise.resolve();
  for (let start = 0; start < list.length; start += LIST_CHUNK) {
    turn = turn.then(() => nextTurn());
    const chunkTurn = turn.then(stillWanted);
    for (let index = start; index < Math.min(list.length, start + LIST_CHUNK); index++) {
      const element = list[index];
      elements[index] = chunkTurn.then(() => element);
    }
  }
  return elements;
}
