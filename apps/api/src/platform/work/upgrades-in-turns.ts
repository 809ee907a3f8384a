import type { FastifyInstance } from 'fastify';
import { nextTurn } from '#api-kit';

/**
 * Each WebSocket upgrade waits for a turn of the event loop (nextTurn) before the rest of its
 * onRequest hooks and the handshake run. Node reads every connection that is ready in one poll
 * phase: 500 upgrade requests arriving together were all handshaken there (the accept hash, the
 * 101 answer, a graphql-ws connection: about a millisecond each on the shared machine), holding
 * the loop 300 to 600 ms in the hostile-input suite. Register it before the hooks to spread.
 */
export function upgradesInTurns(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.raw.headers.upgrade === undefined) return done();
    nextTurn().then(() => done(), done);
  });
}
