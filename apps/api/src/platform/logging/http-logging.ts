import { randomUUID } from 'node:crypto';
import { LogController, type FastifyInstance } from 'fastify';
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
    logController: new LogController({ requestIdLogLabel: 'correlationId' }),
  };
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
