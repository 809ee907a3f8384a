import { randomUUID } from 'node:crypto';
import { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

const REQUEST_ID_HEADER = 'x-request-id';
// Ids from clients end up in logs and events: accept only short, plain ones.
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The caller's `x-request-id` when it is a plain short token, else a new UUID. */
export function requestIdFor(request: { headers: Record<string, string | string[] | undefined> }): string {
  const header = request.headers[REQUEST_ID_HEADER];
  return typeof header === 'string' && ACCEPTABLE_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * Options for `new FastifyAdapter(...)`: Fastify logs through our pino instance, each request
 * gets its id from requestIdFor, and request logs name it `correlationId`, as events do.
 */
export function fastifyLoggingOptions(logger: Logger) {
  return {
    loggerInstance: logger,
    genReqId: requestIdFor,
    // One line per request, written when it ends (registerRequestLog), instead of Fastify's two.
    logController: new LogController({ requestIdLogLabel: 'correlationId', disableRequestLogging: true }),
  };
}

/** Requests slower than this are logged as warnings. */
export const SLOW_REQUEST_MS = 1000;

const OUTCOME = Symbol('request outcome');
const ACTOR = Symbol('request actor');
type NotedRequest = FastifyRequest & { [OUTCOME]?: string; [ACTOR]?: string };

/** Records the error code a request ended with (the GraphQL error formatter calls it), for its log line. */
export function noteOutcome(request: FastifyRequest | undefined, code: string): void {
  if (request !== undefined) (request as NotedRequest)[OUTCOME] ??= code;
}

/** The error code noted for a request (noteOutcome), if any: the request's metrics label it with it too. */
export function notedOutcome(request: FastifyRequest): string | undefined {
  return (request as NotedRequest)[OUTCOME];
}

/** Records who made a request (`sub:<actor>` or `ip:<address>`), for its log line. */
export function noteActor(request: FastifyRequest, caller: string): void {
  (request as NotedRequest)[ACTOR] = caller;
}

const STATUS_OUTCOMES: Readonly<Record<number, string>> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'POLICY_INVALID',
  429: 'RATE_LIMITED',
};
/** The pino levels at which a request's `info` line is written. */
const LOGS_INFO = new Set(['info', 'debug', 'trace']);
const OPERATION = /^\s*(?:#[^\n]*\n\s*)*(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/**
 * Logs every request once, when its answer is sent: actor, operation (the GraphQL operation's
 * name, else its route), duration, HTTP status and outcome code (the first error's code, or OK).
 * Refused requests (4xx, 5xx) are logged as warnings, and so are requests slower than `slowMs`.
 * Call once on the Fastify instance before the app starts listening.
 */
export function registerRequestLog(fastify: FastifyInstance, slowMs: number): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const durationMs = Math.round(reply.elapsedTime * 10) / 10;
    const refused = status >= 400;
    const slow = durationMs > slowMs;
    // At LOG_LEVEL=warn (production's usual) an ordinary request writes nothing: skip building its line.
    if (!refused && !slow && !LOGS_INFO.has(request.log.level)) {
      done();
      return;
    }
    const outcome = (request as NotedRequest)[OUTCOME] ?? (status < 400 ? 'OK' : (STATUS_OUTCOMES[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_USER_INPUT')));
    const line = {
      actor: (request as NotedRequest)[ACTOR] ?? null,
      operation: operationOf(request),
      durationMs,
      status,
      outcome,
      method: request.method,
      url: request.url,
    };
    if (refused) request.log.warn(line, 'request refused');
    else if (slow) request.log.warn(line, 'slow request');
    else request.log.info(line, 'request completed');
    done();
  });
}

function operationOf(request: FastifyRequest): string {
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
  const body = request.body as { query?: unknown; operationName?: unknown } | undefined;
  if (body === undefined || body === null || typeof body !== 'object') return route;
  if (typeof body.operationName === 'string') return body.operationName;
  if (typeof body.query !== 'string') return route;
  const named = OPERATION.exec(body.query.slice(0, 1000));
  return named ? named[2]! : `anonymous ${/^\s*(mutation|subscription)/.exec(body.query)?.[1] ?? 'query'}`;
}

/**
 * A hook that echoes the request id, the correlation id of the request's log lines, in the
 * `x-request-id` response header. Call once on the Fastify instance before the app starts listening.
 */
export function registerRequestCorrelation(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
