import { randomUUID } from 'node:crypto';
import { LogController, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { runWithCorrelationId } from './correlation.js';

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
 * Hooks that echo the request id in the `x-request-id` response header and make it the
 * correlation id (currentCorrelationId) for the route handler and everything it awaits. Call once
 * on the Fastify instance before the app starts listening.
 */
export function registerRequestCorrelation(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  // Entered at preHandler, after the body is read: stream events would otherwise lose the context.
  fastify.addHook('preHandler', (request, _reply, done) => runWithCorrelationId(request.id, done));
}
