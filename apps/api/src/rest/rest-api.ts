import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { createErrorFormatter, HTTP_STATUS, type ApiErrorCode, type RateLimiter } from '../platform/index.js';
import { openApiDocument } from './openapi-document.js';
import { restDocument, type RestDocument } from './rest-document.js';
import { REST_OPERATIONS, type RestOperation } from './rest-operations.js';

export const OPENAPI_PATH = '/v1/openapi.json';
const MAX_IDEMPOTENCY_KEY = 200;

/** An error answer: RFC 9457 problem details, with the GraphQL error's code and extensions. */
export interface Problem {
  type: 'about:blank';
  title: string;
  status: number;
  detail: string;
  code: ApiErrorCode;
  [extension: string]: unknown;
}

/**
 * Registers the REST routes and the OpenAPI document on the API's Fastify instance (before the
 * app initialises; the schema is read on first use). See rest-operations.ts.
 */
export function registerRestApi(fastify: FastifyInstance, limiter: RateLimiter): void {
  const formatError = createErrorFormatter();
  // A caller over its rate limit is refused on arrival, before any route runs: in this API's error shape.
  limiter.answerRefusals('/v1/', (refused) => {
    const { code, ...extensions } = refused.extensions as { code: ApiErrorCode };
    return { contentType: 'application/problem+json', body: problem(code, refused.message, extensions) };
  });
  let documents: Map<RestOperation, RestDocument> | undefined;
  let openApi: string | undefined;
  const schema = (): GraphQLSchema => (fastify as unknown as { graphql: { schema: GraphQLSchema } }).graphql.schema;
  const documentOf = (operation: RestOperation): RestDocument => {
    documents ??= new Map(REST_OPERATIONS.map((op) => [op, restDocument(schema(), op)]));
    return documents.get(operation)!;
  };

  fastify.get(OPENAPI_PATH, (_request, reply) => {
    openApi ??= JSON.stringify(openApiDocument(schema(), REST_OPERATIONS));
    void reply.type('application/json').send(openApi);
  });

  for (const operation of REST_OPERATIONS) {
    fastify.route({
      method: operation.method,
      url: operation.path,
      errorHandler: (error, _request, reply) => {
        // Fastify refused the request itself (a body that is not JSON, too large, a wrong content type).
        const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
        if (status >= 500) throw error;
        void sendProblem(reply, problem('BAD_USER_INPUT', error.message, { fields: [] }, status));
      },
      handler: async (request, reply) => {
        const document = documentOf(operation);
        const variables = argumentsOf(operation, document, request);
        if ('code' in variables) return sendProblem(reply, variables);
        let execution: ExecutionResult<{ result: unknown }>;
        try {
          execution = (await reply.graphql(document.source, { req: request } as unknown as MercuriusContext, variables.values)) as ExecutionResult<{
            result: unknown;
          }>;
        } catch (error) {
          execution = { errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { originalError: error as Error })] };
        }
        if (execution.errors?.length) {
          const errors = execution.errors.map(asGraphQLError);
          const formatted = formatError({ ...execution, errors }, { reply, app: fastify } as unknown as MercuriusContext);
          const first = (formatted.response.errors ?? [])[0];
          const { code, ...extensions } = (first?.extensions ?? { code: 'INTERNAL' }) as { code: ApiErrorCode };
          return sendProblem(reply, problem(code, first?.message ?? 'Internal server error', extensions));
        }
        const result = execution.data?.result;
        if (result === null && operation.nullIsNotFound) {
          return sendProblem(reply, problem('NOT_FOUND', `No ${operation.field} with ${describeKey(request)}`, {}));
        }
        return reply.code(operation.status).send(result);
      },
    });
  }
}

/**
 * Compiled (graphql-jit) executions report errors as plain objects shaped like GraphQLErrors; the
 * error formatter trusts only real ones, so they are rebuilt with the same message, path and code.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const { message, path, extensions } = error as { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> };
  return new GraphQLError(message, { path, extensions });
}

function argumentsOf(operation: RestOperation, document: RestDocument, request: FastifyRequest): { values: Record<string, unknown> } | Problem {
  const values: Record<string, unknown> = {};
  if (operation.method === 'POST') {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return problem('BAD_USER_INPUT', `The body must be a JSON object with the fields: ${document.bodyArguments.join(', ')}`, { fields: [] });
    }
    const unknown = Object.keys(body).filter((name) => !document.bodyArguments.includes(name));
    if (unknown.length > 0) {
      return problem(
        'BAD_USER_INPUT',
        `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `'${name}'`).join(', ')}: the body takes ${document.bodyArguments.join(', ')}`,
        {
          fields: unknown,
        },
      );
    }
    Object.assign(values, body);
  }
  for (const name of operation.pathArguments ?? []) values[name] = (request.params as Record<string, string>)[name];
  for (const [name, { header }] of Object.entries(operation.headerArguments ?? {})) {
    const value = request.headers[header.toLowerCase()];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_IDEMPOTENCY_KEY) {
      return problem('BAD_USER_INPUT', `The ${header} header must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`, { fields: [header] });
    }
    values[name] = value;
  }
  return { values };
}

function problem(code: ApiErrorCode, detail: string, extensions: Record<string, unknown>, status = HTTP_STATUS[code] ?? 500): Problem {
  return { type: 'about:blank', title: code, status, detail, ...extensions, code };
}

function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  // A store outage is worth retrying: say so the way HTTP clients and proxies understand.
  const status = body.code === 'INTERNAL' && body.retryable === true ? 503 : body.status;
  const retryAfter = typeof body.retryAfter === 'number' ? body.retryAfter : status === 503 ? 1 : undefined;
  if (retryAfter !== undefined) void reply.header('retry-after', String(Math.ceil(retryAfter)));
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ ...body, status });
}

function describeKey(request: FastifyRequest): string {
  return Object.entries(request.params as Record<string, string>)
    .map(([name, value]) => `${name} '${value}'`)
    .join(', ');
}
