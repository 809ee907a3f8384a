import type { FastifyInstance } from 'fastify';
import {
  defaultFieldResolver,
  Kind,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { MercuriusContext } from 'mercurius';
import type { ApiMetrics } from './api-metrics.js';
import { noteOperation } from './http-telemetry.js';
import type { Tracing } from './tracing.js';

type Resolver = GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>;

/** Root fields named in an operation's label at most; more are counted, not named (bounded labels). */
const MAX_NAMED_FIELDS = 3;

/**
 * GraphQL telemetry on the running app: each request is labelled with its operation type and root
 * fields (from the schema, never the client's operation name); each root field runs in a
 * `graphql.operation` span; recorded determinations are counted by outcome. Call once after the
 * app is initialised, before it serves.
 */
export function instrumentGraphql(fastify: FastifyInstance, metrics: ApiMetrics | undefined, tracing: Tracing): void {
  const graphql = (fastify as unknown as { graphql: { schema: GraphQLSchema; addHook: (name: string, hook: unknown) => void } }).graphql;
  // The outcome needs no hook: the error formatter notes the first error's code for the request
  // log, and the metrics read it there.
  graphql.addHook('preExecution', (_schema: GraphQLSchema, document: DocumentNode, context: MercuriusContext) => {
    if (context.reply) noteOperation(context.reply.request, labelOf(document));
  });
  const schema = graphql.schema;
  wrapRootFields(schema.getQueryType(), 'query', tracing);
  wrapRootFields(schema.getMutationType(), 'mutation', tracing);
  const issue = schema.getMutationType()?.getFields().issueDetermination;
  if (issue && metrics) {
    const resolve = issue.resolve ?? defaultFieldResolver;
    issue.resolve = async (source, args, context, info) => {
      const determination = (await resolve(source, args, context, info)) as { outcome?: string } | null;
      if (determination?.outcome) metrics.determinations.inc({ outcome: determination.outcome });
      return determination;
    };
  }
}

function wrapRootFields(type: GraphQLObjectType | null | undefined, operation: string, tracing: Tracing): void {
  if (!tracing.enabled) return;
  for (const field of Object.values(type?.getFields() ?? {})) {
    const resolve = (field.resolve ?? defaultFieldResolver) as Resolver;
    field.resolve = (source, args, context, info) =>
      tracing.span('graphql.operation', { 'graphql.operation.type': operation, 'graphql.field.name': field.name }, async () =>
        resolve(source, args, context, info),
      );
  }
}

// Mercurius hands every request with the same query text the same parsed document (its LRU
// cache): the label is worked out once per document, not per request.
const labels = new WeakMap<DocumentNode, string>();

function labelOf(document: DocumentNode): string {
  let label = labels.get(document);
  if (label === undefined) {
    label = operationLabel(document);
    labels.set(document, label);
  }
  return label;
}

/** `query evaluate`, `mutation issueDetermination`, `query countryStatus+policy` (sorted; the schema's names only). */
export function operationLabel(document: DocumentNode): string {
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return 'graphql';
  const fields = [
    ...new Set(operation.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD).map((selection) => selection.name.value)),
  ].sort();
  const named = fields.slice(0, MAX_NAMED_FIELDS).join('+');
  return `${operation.operation} ${named}${fields.length > MAX_NAMED_FIELDS ? `+${fields.length - MAX_NAMED_FIELDS} more` : ''}`;
}
