/**
 * The telemetry that stays on, measured where the machine's noise cancels out: two apps in this
 * one process, the built app as it runs by default (metrics on, no OTLP endpoint) and the same
 * with METRICS=off, each request type sent to them alternately in slices of a few hundred
 * requests (fastify.inject, no sockets), the process's CPU time taken around every slice.
 * Separate processes measured a round apart vary by tens of percent on a shared two-core machine
 * (docs/benchmarks.md); here a slowdown of the machine falls on both alike.
 *   node [the API's Node flags] telemetry-in-one-process.js <slices> <requests JSON: [[name, body, per slice], ...]>
 * A body's `__I__` is replaced with a counter (a new consignee per issued determination).
 * What it cannot separate: prom-client's process collectors, which observe the whole process (one
 * on every garbage collection), run for both. Prints one JSON line per request type.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../apps/api/src/app-factory.js';
import { AppConfig, AuthService } from '../../../apps/api/src/platform/index.js';

const SECRET = 'benchmark-secret-0123456789-0123456789';
const CONCURRENCY = 50;

type Send = (body: string) => Promise<{ statusCode: number; body: string }>;

async function started(settings: Record<string, string>): Promise<{ send: Send; close: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-ledger-bench-telemetry-'));
  const env = { DATA_DIR: dataDir, AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'warn', RATE_LIMIT_POINTS: '0', NODE_ENV: 'production', ...settings };
  const app = await createApp(env);
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const auth = await AuthService.create(new AppConfig({ AUTH_JWT_SECRET: SECRET, DATA_DIR: dataDir }));
  const authorization = `Bearer ${await auth.mint({ id: 'bench', roles: ['determiner'] }, 3600)}`;
  return {
    send: (payload) => fastify.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization }, payload }),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
async function slice(send: Send, body: string, requests: number): Promise<number> {
  const before = process.cpuUsage();
  for (let sent = 0; sent < requests; sent += CONCURRENCY)
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, requests - sent) }, () => send(body.replaceAll('__I__', String(counter++)))));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / requests;
}

async function main(): Promise<void> {
  const slices = Number(process.argv[2]);
  const requestTypes = JSON.parse(process.argv[3]!) as [string, string, number][];
  const apps = { off: await started({ METRICS: 'off' }), on: await started({}) };
  for (const [name, body, perSlice] of requestTypes) {
    for (const app of [apps.off, apps.on]) {
      const answer = await app.send(body.replaceAll('__I__', 'check'));
      if (answer.statusCode !== 200 || (JSON.parse(answer.body) as { errors?: unknown }).errors) throw new Error(`${name} fails: ${answer.body}`);
      await slice(app.send, body, perSlice * 3);
    }
    const cpu = { off: [] as number[], on: [] as number[] };
    for (let i = 0; i < slices; i++) {
      // Alternate which goes first, so neither always follows the other's garbage.
      for (const which of i % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) cpu[which].push(await slice(apps[which].send, body, perSlice));
    }
    const ratios = cpu.off.map((off, i) => off / cpu.on[i]!).sort((a, b) => a - b);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    console.log(
      JSON.stringify({ name, slices, offUs: mean(cpu.off), onUs: mean(cpu.on), medianRatio: ratios[slices >> 1], meanRatio: mean(cpu.off) / mean(cpu.on) }),
    );
  }
  await apps.off.close();
  await apps.on.close();
}

await main();
process.exit(0);
