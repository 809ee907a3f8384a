import { Readable } from 'node:stream';
import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import { jsonSlices, jsonWeightAtMost } from '#api-kit';

/** Answers with this many values (objects, arrays, scalars) or more are written in slices: a few milliseconds of JSON.stringify. */
export const SLICED_RESPONSE_VALUES = 10_000;
/** How long a slice of work holds the event loop before /health/live and other callers get a turn. */
export const SLICE_MS = 10;

export interface SlicedResponseOptions {
  /** Answers with at least this many values are written in slices. */
  minValues: number;
  /** How long one slice may work before the event loop gets a turn. */
  sliceMs: number;
}

/**
 * Writes large GraphQL answers in slices (jsonSlices): JSON.stringify of a 5 MB answer holds the
 * event loop for a tenth of a second or more, and writing one string that large as much again.
 * Small answers (the usual ones: counting stops at `minValues`) go through Fastify's serializer
 * as before. A client that goes away stops the writing (Fastify destroys the
 * stream, which ends the generator); a deadline does not: the work is done, only the writing is left. Call before the app is initialised: it
 * wraps the GraphQL route's handler as Mercurius adds it.
 */
export function sliceLargeResponses(fastify: FastifyInstance, options: SlicedResponseOptions): void {
  fastify.addHook('onRoute', (route) => {
    if (!route.url.endsWith('/graphql') || route.handler === undefined) return;
    const handler = route.handler as RouteHandlerMethod;
    route.handler = async function (this: FastifyInstance, request, reply) {
      const answer: unknown = await handler.call(this, request, reply);
      if (reply.sent || answer === reply || typeof answer !== 'object' || answer === null) return answer;
      if (jsonWeightAtMost(answer, options.minValues) < options.minValues) return answer;
      void reply.type('application/json; charset=utf-8');
      return Readable.from(jsonSlices(answer, { sliceMs: options.sliceMs }), { objectMode: false });
    };
  });
}
