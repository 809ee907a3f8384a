import { connect, type Socket } from 'node:net';
import fastifyWebsocket from '@fastify/websocket';
import Fastify from 'fastify';
import { upgradesInTurns } from './upgrades-in-turns.js';

const UPGRADE = [
  'GET /socket HTTP/1.1',
  'Host: 127.0.0.1',
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Version: 13',
  '',
  '',
].join('\r\n');

function connected(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Resolves with the status line the server answered on `socket`. */
function statusLine(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) resolve(answer.slice(0, answer.indexOf('\r\n')));
    });
  });
}

describe('upgradesInTurns', () => {
  it('handshakes WebSocket upgrades that arrive together one per turn of the event loop, and answers plain requests at once', async () => {
    const fastify = Fastify();
    upgradesInTurns(fastify);
    await fastify.register(fastifyWebsocket);
    // The turn each handshake ran in: a counter one setImmediate chain advances every turn.
    let turn = 0;
    let counting = true;
    const tick = () => {
      turn++;
      if (counting) setImmediate(tick);
    };
    const handshakenIn: number[] = [];
    fastify.get('/socket', { websocket: true }, (socket) => {
      handshakenIn.push(turn);
      socket.close();
    });
    fastify.get('/plain', () => 'ok');
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    const { port } = fastify.server.address() as { port: number };
    const sockets = await Promise.all(Array.from({ length: 20 }, () => connected(port)));
    // Accepted by the server (its side of each connection set up) before the requests arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      const answered = sockets.map(statusLine);
      setImmediate(tick);
      // All 20 requests are written while the loop is held, so the server reads them in one poll phase.
      for (const socket of sockets) socket.write(UPGRADE);
      const heldUntil = Date.now() + 100;
      while (Date.now() < heldUntil);

      expect(await Promise.all(answered)).toEqual(sockets.map(() => 'HTTP/1.1 101 Switching Protocols'));
      expect(handshakenIn).toHaveLength(20);
      expect(new Set(handshakenIn).size).toBe(20);
      expect(await (await fetch(`http://127.0.0.1:${port}/plain`)).text()).toBe('ok');
    } finally {
      counting = false;
      for (const socket of sockets) socket.destroy();
      await fastify.close();
    }
  });
});
