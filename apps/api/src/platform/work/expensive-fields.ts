import type { FastifyReply } from 'fastify';
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { nextTurn, type WorkContext } from '#api-kit';
import { fieldCost } from '../graphql/field-costs.js';
import { requestWork } from './request-work.js';

/** Root fields costing at least this many points (field-costs.ts, items counted) wait for a turn. */
export const EXPENSIVE_FIELD_COST = 10;

type Context = WorkContext & { reply?: FastifyReply };
type Resolver = GraphQLFieldResolver<unknown, Context | undefined, Record<string, unknown>>;

/**
 * A schema transform (docs/adr/026-work-in-turns.md): every expensive root field of a
 * query or mutation (an evaluation of many items, a replay, an audit verification, an impact run)
 * first waits for its turn of the event loop (nextTurn), so ten aliased evaluations run one per
 * turn with health checks and other callers served between them, and gets the request's work
 * (deadline and disconnect) in its context. A cancelled request stops here, before the resolver:
 * a mutation either starts and records everything or never starts. Cheap fields run as before.
 */
export function expensiveFieldTurns(deadlineMs: number): (schema: GraphQLSchema) => GraphQLSchema {
  return (schema) => {
    wrapFields(schema.getQueryType(), deadlineMs);
    wrapFields(schema.getMutationType(), deadlineMs);
    return schema;
  };
}

function wrapFields(type: GraphQLObjectType | null | undefined, deadlineMs: number): void {
  for (const field of Object.values(type?.getFields() ?? {})) {
    const resolve = (field.resolve ?? defaultFieldResolver) as Resolver;
    field.resolve = ((source, args, context, info) => {
      const reply = context?.reply;
      if (context === undefined || reply === undefined || fieldCost(info.fieldNodes[0]!, info.variableValues) < EXPENSIVE_FIELD_COST)
        return resolve(source, args, context, info);
      const work = (context.work ??= requestWork(reply, deadlineMs));
      return nextTurn(work.signal).then(() => resolve(source, args, context, info));
    }) satisfies Resolver;
  }
}
