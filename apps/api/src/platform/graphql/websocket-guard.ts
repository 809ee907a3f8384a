import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { nextTurn } from '#api-kit';
import type { AuthService } from '../auth/auth.service.js';
import { authorizationIn } from '../auth/graphql-auth.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';

/** graphql-ws close codes (the protocol's own, as its server uses them). */
export const WS_CLOSE = { initTimeout: 4408, forbidden: 4403, tooManyConnections: 4429 } as const;

export interface WebSocketGuardOptions {
  /** A connection must send connection_init with a valid token within this time. */
  initTimeoutMs: number;
  /** Open connections one caller may hold. */
  maxConnectionsPerCaller: number;
}

/**
 * Mercurius has no `connectionInitWaitTimeout`: this watches every graphql-ws connection from
 * the outside. One that has not authenticated `initTimeoutMs` after opening is closed, 4408 when
 * it sent no connection_init, 4403 when its token was refused (its operations were answered
 * UNAUTHENTICATED meanwhile, which tells the client why). An authenticated one costs its caller a
 * point of the rate limit and one of `maxConnectionsPerCaller` places (4429 beyond).
 * Call before the app is initialised (it wraps the route's WebSocket handler as it is added).
 */
export function guardWebSockets(fastify: FastifyInstance, auth: AuthService, limiter: RateLimiter, options: WebSocketGuardOptions): void {
  const open = new Map<string, number>();
  // Mercurius's WebSocket server lives in its own plugin context: wrap its route's handler instead.
  fastify.addHook('onRoute', (route) => {
    const handler = (route as { wsHandler?: (this: unknown, socket: WebSocket, ...rest: unknown[]) => unknown }).wsHandler;
    if (handler === undefined) return;
    (route as { wsHandler?: unknown }).wsHandler = function (this: unknown, socket: WebSocket, ...rest: unknown[]) {
      watch(socket, open, auth, limiter, options);
      return handler.call(this, socket, ...rest);
    };
  });
}

function watch(socket: WebSocket, open: Map<string, number>, auth: AuthService, limiter: RateLimiter, options: WebSocketGuardOptions): void {
  let caller: string | undefined;
  let initialised = false;
  // Connections opened together time out together: each close (and what Mercurius does on it)
  // takes a turn of its own, or hundreds of them would hold the event loop in one timers phase.
  const timer = setTimeout(() => {
    void nextTurn().then(() => {
      if (caller === undefined && socket.readyState === socket.OPEN)
        socket.close(initialised ? WS_CLOSE.forbidden : WS_CLOSE.initTimeout, initialised ? 'Forbidden' : 'Connection initialisation timeout');
    });
  }, options.initTimeoutMs);
  socket.on('message', (data: Buffer) => {
    if (initialised) return;
    const message = parse(data);
    if (message?.type !== 'connection_init') return;
    initialised = true;
    auth.authenticate(authorizationIn(message.payload)).then(
      (actor) => {
        if (socket.readyState !== socket.OPEN) return;
        const key = `sub:${actor.id}`;
        const count = (open.get(key) ?? 0) + 1;
        const charge = limiter.chargeCaller(key, 1);
        if (count > options.maxConnectionsPerCaller || charge?.allowed === false) {
          socket.close(WS_CLOSE.tooManyConnections, count > options.maxConnectionsPerCaller ? 'Too many connections' : 'Rate limited');
          return;
        }
        caller = key;
        open.set(key, count);
      },
      () => undefined, // left for the timer: the client learns why from its first operation
    );
  });
  socket.once('close', () => {
    clearTimeout(timer);
    if (caller === undefined) return;
    const left = (open.get(caller) ?? 1) - 1;
    if (left === 0) open.delete(caller);
    else open.set(caller, left);
  });
}

function parse(data: Buffer): { type?: unknown; payload?: unknown } | undefined {
  if (data.length > 65_536) return undefined;
  try {
    return JSON.parse(data.toString('utf8')) as { type?: unknown; payload?: unknown };
  } catch {
    return undefined;
  }
}
