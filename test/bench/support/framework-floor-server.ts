/**
 * The API benchmark's reference point, not the product: Fastify and Mercurius (graphql-jit in the
 * app's adaptive mode) serving the committed schema.graphql, whose `evaluate` returns the answer
 * given in FLOOR_ANSWER (what the real server answered) without computing anything. No
 * authentication, Nest, validation, engine or store: what any `evaluate` costs over HTTP on this
 * stack before it does its work. Usage: node framework-floor-server.js PORT (FLOOR_ANSWER in the env).
 */
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const answer: unknown = JSON.parse(process.env.FLOOR_ANSWER ?? 'null');
const app = Fastify();
await app.register(mercurius, {
  schema: readFileSync(join(root, 'schema.graphql'), 'utf8'),
  resolvers: { Query: { evaluate: async () => answer } },
  jit: { minCount: 1, eluThreshold: 1 },
});
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
