/**
 * API benchmark (issue 4): `evaluate` and `issueDetermination` over HTTP with autocannon
 * (50 connections), next to the trivial query `{ __typename }` on the same server in the same run.
 * The server is the built app (dist/) in its own process on the embedded SQLite store, so the
 * load generator and the server share the machine's two cores, as they would on a small host.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppConfig, AuthService } from '../../apps/api/src/platform/index.js';

const SECRET = 'benchmark-secret-0123456789-0123456789';
const DURATION_S = Number(process.env.BENCH_API_SECONDS ?? 10);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const shipment = (consignee: string) => ({
  destination: 'IN',
  consignee: { id: consignee, country: 'IN', headquarters: 'IN' },
  items: [{ kind: 'INTEGRATED_CIRCUIT', tpp: 15831, performanceDensity: 19.4, quantity: 200 }],
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startServer(dataDir: string, port: number): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let waited = 0; waited < 60_000; waited += 200) {
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return () => new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

interface Row { name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number }

async function load(name: string, url: string, token: string, body: (i: number) => string): Promise<Row> {
  let i = 0;
  const result = await autocannon({
    url,
    connections: 50,
    duration: DURATION_S,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (request) => ({ ...request, body: body(i++) }) }],
  });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-ledger-bench-api-'));
  const port = await freePort();
  const stop = await startServer(dataDir, port);
  try {
    const auth = await AuthService.create(new AppConfig({ AUTH_JWT_SECRET: SECRET, DATA_DIR: dataDir }));
    const token = await auth.mint({ id: 'bench', roles: ['determiner'] }, 3600);
    const url = `http://127.0.0.1:${port}/graphql`;
    const evaluate = `query($i: DeterminationInput!) { evaluate(input: $i, at: { validAt: "2025-06-01" }) { outcome exceptions reviewPolicy policyVersion { stateHash } } }`;
    const issue = `mutation($i: DeterminationInput!) { issueDetermination(input: $i, validAt: "2025-06-01") { id outcome position } }`;
    const rows = [
      await load('trivial { __typename }', url, token, () => JSON.stringify({ query: '{ __typename }' })),
      await load('evaluate', url, token, (i) => JSON.stringify({ query: evaluate, variables: { i: shipment(`bench-eval-${i % 1000}`) } })),
      await load('issueDetermination', url, token, (i) => JSON.stringify({ query: issue, variables: { i: shipment(`bench-issue-${i}`) } })),
    ];
    console.log(`${DURATION_S} s each, 50 connections, server on the embedded SQLite store (synchronous=FULL)`);
    for (const row of rows) {
      console.log(`${row.name.padEnd(24)} ${Math.round(row.rps).toLocaleString('en-US').padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  errors ${row.errors}  non-2xx ${row.non2xx}`);
    }
    const [trivial, evaluated, issued] = rows;
    console.log(`evaluate / trivial: ${(evaluated.rps / trivial.rps).toFixed(2)} (target >= 0.5); evaluate p99 ${evaluated.p99} ms (target < 50); issueDetermination ${Math.round(issued.rps)}/s (target >= 1,000)`);
  } finally {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
