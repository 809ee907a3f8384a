/**
 * The REST API (API.md: `/v1`), each route one GraphQL root field: its body carries the field's
 * arguments (those not taken from the path or a header), its answer is the field's value with
 * every field selected. The route runs the same operation through the same GraphQL pipeline
 * (authentication, validation, limits, resolvers, commands and errors), so there is no second
 * implementation to drift; the OpenAPI document is derived from the same schema.
 */
export interface RestOperation {
  operationId: string;
  method: 'GET' | 'POST';
  /** Fastify's path syntax (`:id`); the OpenAPI document writes `{id}`. */
  path: string;
  summary: string;
  description: string;
  kind: 'query' | 'mutation';
  /** The GraphQL root field it runs. */
  field: string;
  /** Arguments taken from path parameters of the same name. */
  pathArguments?: string[];
  /** Arguments taken from request headers: argument name -> header name. */
  headerArguments?: Record<string, { header: string; description: string }>;
  /** Status of a successful answer. */
  status: 200 | 201;
  /** A null answer means the thing asked for does not exist (404 NOT_FOUND). */
  nullIsNotFound?: boolean;
  /** Who may call it (the GraphQL field's own roles, checked by the same guard). */
  roles: string;
}

export const REST_OPERATIONS: RestOperation[] = [
  {
    operationId: 'evaluate',
    method: 'POST',
    path: '/v1/evaluate',
    summary: 'Decide an export without recording anything (a dry run)',
    description: 'The GraphQL query `evaluate`: the body carries its arguments (`input`, and optionally `policyId`, `at`, `consistentWith`).',
    kind: 'query',
    field: 'evaluate',
    status: 200,
    roles: 'any role (viewer and up)',
  },
  {
    operationId: 'issueDetermination',
    method: 'POST',
    path: '/v1/determinations',
    summary: 'Record a determination (a ruling of record)',
    description:
      'The GraphQL mutation `issueDetermination`: the body carries `input`, and optionally `validAt` and `policyId`. ' +
      'Send an `Idempotency-Key` (it becomes the `commandId`): a retry with the same key answers the determination ' +
      'already recorded under it instead of recording a second one. The answer carries the commit ' +
      'position in `x-commit-position`; send it back as `x-consistent-with` to read the determination on any node.',
    kind: 'mutation',
    field: 'issueDetermination',
    headerArguments: {
      commandId: {
        header: 'Idempotency-Key',
        description: 'Makes the call idempotent: the commandId of the determination (at most 200 characters).',
      },
    },
    status: 201,
    roles: 'determiner (or admin)',
  },
  {
    operationId: 'getDetermination',
    method: 'GET',
    path: '/v1/determinations/:id',
    summary: 'A recorded determination',
    description: 'The GraphQL query `determination(id)`; 404 when no determination has this id.',
    kind: 'query',
    field: 'determination',
    pathArguments: ['id'],
    status: 200,
    nullIsNotFound: true,
    roles: 'any role (viewer and up)',
  },
];

/** The header a query may send to read its own writes (apps/api/src/consistency). */
export const CONSISTENT_WITH_HEADER = 'x-consistent-with';
export const COMMIT_POSITION_HEADER = 'x-commit-position';
