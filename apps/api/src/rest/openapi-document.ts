import { isNonNullType, type GraphQLSchema } from 'graphql';
import { GraphqlJsonSchemas, type JsonSchema } from './graphql-json-schema.js';
import { restDocument } from './rest-document.js';
import { COMMIT_POSITION_HEADER, CONSISTENT_WITH_HEADER, type RestOperation } from './rest-operations.js';

const ERROR_STATUSES: Record<string, string> = {
  '400': 'BAD_USER_INPUT: the body, a parameter or a header is invalid (`fields` names each)',
  '401': 'UNAUTHENTICATED: no bearer token, or a bad one',
  '403': 'FORBIDDEN: the token lacks the role',
  '404': 'NOT_FOUND',
  '409': 'CONFLICT: a concurrent change, or read-your-writes not yet caught up (retryable)',
  '422': 'POLICY_INVALID',
  '429': 'RATE_LIMITED or QUOTA_EXCEEDED (see Retry-After)',
  '500': 'INTERNAL',
  '503': 'INTERNAL with `retryable: true`: the event store did not answer; retry (with the same Idempotency-Key)',
};

/**
 * The OpenAPI 3.1 document of the REST API, derived from the GraphQL schema: each route's body is
 * its field's arguments, its answer the field's type (rest-operations.ts).
 */
export function openApiDocument(schema: GraphQLSchema, operations: RestOperation[]): Record<string, unknown> {
  const schemas = new GraphqlJsonSchemas();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const { field, bodyArguments, requiredBodyArguments } = restDocument(schema, operation);
    const argument = (name: string) => field.args.find((arg) => arg.name === name)!;
    const parameters: Record<string, unknown>[] = [
      ...(operation.pathArguments ?? []).map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: schemas.inputNonNull(argument(name).type),
        ...(argument(name).description && { description: argument(name).description }),
      })),
      ...Object.entries(operation.headerArguments ?? {}).map(([name, { header, description }]) => ({
        name: header,
        in: 'header',
        required: isNonNullType(argument(name).type),
        description,
        schema: { type: 'string', minLength: 1, maxLength: 200 },
      })),
      ...(operation.kind === 'query'
        ? [
            {
              name: CONSISTENT_WITH_HEADER,
              in: 'header',
              required: false,
              description: 'Read-your-writes: answer once this node has applied this commit position (the `x-commit-position` of a write)',
              schema: { type: 'string', pattern: '^[0-9]{1,16}$' },
            },
          ]
        : []),
    ];
    const requestBody =
      operation.method === 'POST'
        ? {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: Object.fromEntries(
                    bodyArguments.map((name) => {
                      const arg = argument(name);
                      const property = schemas.inputSchema(arg.type);
                      return [name, arg.description ? { ...property, description: arg.description } : property];
                    }),
                  ),
                  ...(requiredBodyArguments.length > 0 && { required: requiredBodyArguments }),
                  additionalProperties: false,
                },
              },
            },
          }
        : undefined;
    const answer: JsonSchema = operation.nullIsNotFound ? schemas.outputNonNull(field.type) : schemas.outputSchema(field.type);
    const success: Record<string, unknown> = {
      description: field.description ?? operation.summary,
      content: { 'application/json': { schema: answer } },
      ...(operation.kind === 'mutation' && {
        headers: { [COMMIT_POSITION_HEADER]: { description: 'The commit position of the write', schema: { type: 'string', pattern: '^[0-9]+$' } } },
      }),
    };
    const errors = Object.keys(ERROR_STATUSES)
      .filter((status) => status !== '404' || operation.nullIsNotFound)
      .map((status) => [status, { $ref: `#/components/responses/Problem${status}` }]);
    paths[openApiPath(operation.path)] ??= {};
    paths[openApiPath(operation.path)]![operation.method.toLowerCase()] = {
      operationId: operation.operationId,
      summary: operation.summary,
      description: `${operation.description}\n\nRoles: ${operation.roles}.`,
      ...(parameters.length > 0 && { parameters }),
      ...(requestBody && { requestBody }),
      responses: { [String(operation.status)]: success, ...Object.fromEntries(errors) },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Policy Ledger REST API',
      version: '1',
      description:
        'For systems without GraphQL: each route runs one GraphQL operation of the same API (schema.graphql) with every field ' +
        'selected, with the same authentication, validation, errors and limits. Errors are RFC 9457 problem details whose ' +
        '`code` is the GraphQL `extensions.code`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas: { ...schemas.components, Problem: PROBLEM },
      responses: Object.fromEntries(
        Object.entries(ERROR_STATUSES).map(([status, description]) => [
          `Problem${status}`,
          { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        ]),
      ),
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The same tokens as the GraphQL API (roles claim)' } },
    },
  };
}

const PROBLEM: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details, with the error code and the extensions of the GraphQL error',
  properties: {
    type: { type: 'string' },
    title: { type: 'string', description: 'The error code' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What is wrong, for a person' },
    code: {
      type: 'string',
      enum: ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'POLICY_INVALID', 'QUOTA_EXCEEDED', 'RATE_LIMITED', 'INTERNAL'],
    },
    fields: { type: 'array', items: { type: 'string' }, description: 'BAD_USER_INPUT: the offending field paths' },
    retryable: { type: 'boolean' },
    retryAfter: { type: 'number', description: 'RATE_LIMITED: seconds to wait' },
  },
  required: ['type', 'title', 'status', 'detail', 'code'],
};

function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}
