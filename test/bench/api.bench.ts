/**
 * API benchmark (issue 4): `evaluate` (asking for every field, and for the decision only) and
 * `issueDetermination` over HTTP with autocannon (50 connections), next to the trivial query
 * `{ __typename }` on the same server in the same run.
 * The server is the built app (dist/) in its own process on the embedded SQLite store, run as the
 * Dockerfile runs it (NODE_ENV=production), so the load generator and the server share the
 * machine's two cores, as they would on a small host. Besides requests/s and latency, each row
 * gives the server process's CPU time per request, which other load on a shared machine disturbs
 * far less than throughput. Last, the same two queries against a framework floor
 * (support/framework-floor-server.ts): Fastify and Mercurius alone on the same schema, `evaluate`
 * returning the real server's answer without computing it, which bounds the ratio any `evaluate`
 * can reach on this stack. First (unless BENCH_API_BEFORE_TELEMETRY=0), telemetry off against the
 * API just before telemetry landed (compareBeforeTelemetry); with BENCH_API_BASELINE=<git ref>[=ratio],...
 * this code against each ref's API, or one ref against another with <ref>..<ref> (compareBaselines);
 * with BENCH_API_NODE_FLAGS_AB=1, this code with and without the Node flags it ships with
 * (compareNodeFlags); with BENCH_API_METRICS_AB=1, this code as it runs by default against the
 * same build with no telemetry hooks, METRICS=off, in separate processes (compareTelemetryHooks)
 * and as two apps in one process taking turns (compareTelemetryInOneProcess; only this one with
 * BENCH_API_METRICS_AB=in-one-process). Every app starts with the flags its own commit ships with
 * (apps/api/src/node-flags.ts; none before that list existed), except a baseline under
 * BENCH_API_BASELINE_FLAGS=this, which starts with this code's.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AppConfig, AuthService } from '../../apps/api/src/platform/index.js';
import { buildApiAt, telemetryCommit, type BuiltApi } from './support/before-telemetry.js';
import { median } from './support/stats.js';

const SECRET = 'benchmark-secret-0123456789-0123456789';
const DURATION_S = Number(process.env.BENCH_API_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 2);
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

interface Server {
  stop(): Promise<void>;
  /** CPU time (user + system) the server process has used so far, in microseconds; undefined where /proc is missing. */
  cpuMicros(): number | undefined;
}

async function startServer(
  script: string,
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
  appRoot = root,
  nodeFlags: readonly string[] = [],
): Promise<Server> {
  const child = spawn(process.execPath, [...nodeFlags, join(appRoot, script), ...args], {
    cwd: appRoot,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let waited = 0; waited < 60_000; waited += 200) {
    const ready = await fetch(readyUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
    cpuMicros: () => cpuMicrosOf(child.pid!),
  };
}

/** utime + stime from /proc/PID/stat (fields 14 and 15, in clock ticks of 10 ms). */
function cpuMicrosOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  cpuPerRequestUs?: number;
}

async function load(server: Server, name: string, url: string, token: string | undefined, body: (i: number) => string): Promise<Row> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token !== undefined && { authorization: `Bearer ${token}` }) };
  // GraphQL errors come with status 200: make sure the operation succeeds before timing it.
  const sample = await fetch(url, { method: 'POST', headers, body: body(-1) });
  const answer = (await sample.json()) as { errors?: unknown[] };
  if (answer.errors !== undefined) throw new Error(`${name} fails: ${JSON.stringify(answer.errors)}`);
  let i = 0;
  const cpuBefore = server.cpuMicros();
  const result = await autocannon({
    url,
    connections: 50,
    duration: DURATION_S,
    method: 'POST',
    headers,
    requests: [{ setupRequest: (request) => ({ ...request, body: body(i++) }) }],
  });
  const cpuAfter = server.cpuMicros();
  const cpuPerRequestUs = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / result.requests.total;
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    cpuPerRequestUs,
  };
}

/** What an integration gating a shipment needs: the decision, per item, and the policy state it rests on. */
const EVALUATE_DECISION = `query($i: DeterminationInput!) {
  evaluate(input: $i, at: { validAt: "2025-06-01" }) {
    outcome reviewPolicy exceptions
    items { index eccn outcome reviewPolicy exceptions }
    policyVersion { stateHash }
  }
}`;

/** What a lawyer's review asks for: every field of API.md's DeterminationResult, the trace included. */
const EVALUATE = `query($i: DeterminationInput!) {
  evaluate(input: $i, at: { validAt: "2025-06-01" }) {
    outcome reviewPolicy exceptions
    items { index eccn outcome reviewPolicy exceptions }
    trace { ruleId kind matched citation explanation }
    enforcement { regime status since source { citation } }
    facts
    policyVersion { validAt knownAt knownPosition publishedBy stateHash }
    engineVersion
  }
}`;

const TRIVIAL = JSON.stringify({ query: '{ __typename }' });
const evaluateBody = (query: string) => (i: number) => JSON.stringify({ query, variables: { i: shipment(`bench-eval-${i % 1000}`) } });

function print(row: Row): void {
  const cpu = row.cpuPerRequestUs === undefined ? '' : `  server CPU ${Math.round(row.cpuPerRequestUs)} us/request`;
  console.log(
    `${row.name.padEnd(24)} ${Math.round(row.rps).toLocaleString('en-US').padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  errors ${row.errors}  non-2xx ${row.non2xx}${cpu}`,
  );
}

/**
 * The Node flags the API built under `appRoot` ships with (apps/api/src/node-flags.ts, which the
 * Dockerfile and `npm start` give): none for code from before that list existed.
 */
async function shippedNodeFlags(appRoot: string): Promise<readonly string[]> {
  const file = join(appRoot, 'dist', 'apps', 'api', 'src', 'node-flags.js');
  if (!existsSync(file)) return [];
  return ((await import(pathToFileURL(file).href)) as { API_NODE_FLAGS: readonly string[] }).API_NODE_FLAGS;
}

/**
 * The product (or the app built under `appRoot`): the built app on a fresh data directory (seeded
 * from policies/ at start), started with the Node flags it ships with unless `nodeFlags` says
 * otherwise, with `settings` added to its environment.
 */
async function measureApp(
  appRoot = root,
  nodeFlags?: readonly string[],
  settings: Record<string, string> = {},
): Promise<{ rows: Row[]; decisionAnswer: unknown }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-ledger-bench-api-'));
  const port = await freePort();
  // One caller sends thousands of requests a second: the per-caller rate limit (ADR 017) would refuse
  // most of them (429s counted as non-2xx), so it is off here, as it is for the end-to-end tests.
  const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'warn', RATE_LIMIT_POINTS: '0', ...settings };
  const flags = nodeFlags ?? (await shippedNodeFlags(appRoot));
  const server = await startServer('dist/apps/api/src/main.js', [], env, `http://127.0.0.1:${port}/health/ready`, appRoot, flags);
  try {
    const auth = await AuthService.create(new AppConfig({ AUTH_JWT_SECRET: SECRET, DATA_DIR: dataDir }));
    const token = await auth.mint({ id: 'bench', roles: ['determiner'] }, 3600);
    const url = `http://127.0.0.1:${port}/graphql`;
    const issue = `mutation($i: DeterminationInput!) { issueDetermination(input: $i, validAt: "2025-06-01") { id outcome position } }`;
    const rows = [
      await load(server, 'trivial { __typename }', url, token, () => TRIVIAL),
      await load(server, 'evaluate (every field)', url, token, evaluateBody(EVALUATE)),
      await load(server, 'evaluate (decision)', url, token, evaluateBody(EVALUATE_DECISION)),
      await load(server, 'issueDetermination', url, token, (i) => JSON.stringify({ query: issue, variables: { i: shipment(`bench-issue-${i}`) } })),
    ];
    const decided = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: evaluateBody(EVALUATE_DECISION)(0),
    });
    const decisionAnswer = ((await decided.json()) as { data: { evaluate: unknown } }).data.evaluate;
    return { rows, decisionAnswer };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The framework floor: the same two queries where `evaluate` returns the app's answer without computing it. */
async function measureFloor(decisionAnswer: unknown): Promise<Row[]> {
  const port = await freePort();
  const server = await startServer(
    'dist/test/bench/support/framework-floor-server.js',
    [String(port)],
    { FLOOR_ANSWER: JSON.stringify(decisionAnswer) },
    `http://127.0.0.1:${port}/graphql?query=%7B__typename%7D`,
  );
  try {
    const url = `http://127.0.0.1:${port}/graphql`;
    return [
      await load(server, 'floor: trivial', url, undefined, () => TRIVIAL),
      await load(server, 'floor: evaluate (decision)', url, undefined, evaluateBody(EVALUATE_DECISION)),
    ];
  } finally {
    await server.stop();
  }
}

interface App {
  label: string;
  /** The checkout whose dist/ is started. */
  root: string;
  /** Node flags to start it with instead of those it ships with. */
  nodeFlags?: readonly string[];
  /** Settings added to its environment. */
  settings?: Record<string, string>;
}

/**
 * `after` against `before`, alternated ROUNDS times in this run: per operation the median ratio of
 * requests/s, and of server CPU per request (before / after, so above 1 is cheaper too), which
 * a shared machine disturbs far less than throughput.
 */
async function compareApps(before: App, after: App, target: number | undefined): Promise<void> {
  const rps: number[][] = [];
  const cpu: number[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const measured: Row[][] = [];
    for (const app of [before, after]) {
      const { rows } = await measureApp(app.root, app.nodeFlags, app.settings);
      console.log(`round ${round + 1}: ${app.label}`);
      for (const row of rows) print(row);
      measured.push(rows);
    }
    const [was, now] = measured as [Row[], Row[]];
    rps.push(now.map((row, i) => row.rps / was[i]!.rps));
    cpu.push(now.map((row, i) => (was[i]!.cpuPerRequestUs ?? NaN) / (row.cpuPerRequestUs ?? NaN)));
  }
  const names = ['trivial', 'evaluate (every field)', 'evaluate (decision)', 'issueDetermination'];
  const ratios = (of: number[][]) => names.map((name, i) => `${name} ${median(of.map((r) => r[i]!)).toFixed(3)}`).join(', ');
  console.log(`${after.label} / ${before.label}, median of ${ROUNDS} alternated rounds${target === undefined ? '' : ` (target >= ${target})`}:`);
  console.log(`  requests/s: ${ratios(rps)}`);
  console.log(`  server CPU per request (before / after): ${ratios(cpu)}`);
}

/**
 * Telemetry off (OTEL_EXPORTER_OTLP_ENDPOINT unset: the metrics stay, no tracing SDK is loaded):
 * the commit that added telemetry against its parent, both built from git, so the difference is
 * telemetry alone (this code has every later change besides). Issue 17's target: within 3 % (>= 0.97).
 */
async function compareBeforeTelemetry(): Promise<void> {
  const added = telemetryCommit(root);
  if (added === undefined) {
    console.log('telemetry off / before telemetry: not measured (no git history with the telemetry module here)');
    return;
  }
  const before = buildApiAt(root, `${added}^`);
  const after = buildApiAt(root, added);
  try {
    await compareApps(
      { label: `before telemetry (${before.commit})`, root: before.root },
      { label: `telemetry off (${after.commit}, OTEL_EXPORTER_OTLP_ENDPOINT unset)`, root: after.root },
      0.97,
    );
  } finally {
    before.dispose();
    after.dispose();
  }
}

/**
 * One comparison of BENCH_API_BASELINE: a git ref (this code against it) or `before..after` (two
 * refs against each other), with the ratio its issue asks for after `=` (default 0.95).
 */
interface Baseline {
  before: string;
  /** undefined: this code. */
  after?: string;
  target: number;
}

function parseBaselines(spec: string): Baseline[] {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [refs, target] = part.split('=') as [string, string | undefined];
      if (target !== undefined && !(Number(target) > 0)) throw new Error(`BENCH_API_BASELINE: "${part}" has no ratio after "="`);
      const [before, after] = refs.split('..') as [string, string | undefined];
      return { before, after, target: target === undefined ? 0.95 : Number(target) };
    });
}

/**
 * Each BENCH_API_BASELINE comparison in turn, every ref built from git with this repository's
 * node_modules: issue 13 asks evaluate to stay within 10 % of the code before the cost budget
 * (`56c7d45^=0.90`), issue 14 the whole API within 5 % of the code before its rework
 * (`e525c26^1=0.95`). `before..after` measures one change alone on the code it landed on (e.g.
 * `56c7d45^..56c7d45=0.90`, the cost budget without the later changes to the policy and answers).
 * Each ref starts with the Node flags its own commit ships (none before ADR 031); with
 * BENCH_API_BASELINE_FLAGS=this every ref (both of a pair) starts with this code's instead, so the
 * comparison measures the code alone, not the runtime setting.
 */
async function compareBaselines(spec: string): Promise<void> {
  const mode = process.env.BENCH_API_BASELINE_FLAGS ?? 'shipped';
  if (mode !== 'shipped' && mode !== 'this') throw new Error(`BENCH_API_BASELINE_FLAGS: "${mode}" is neither "shipped" nor "this"`);
  const baselineFlags = mode === 'this' ? await shippedNodeFlags(root) : undefined;
  for (const { before, after, target } of parseBaselines(spec)) {
    const built: BuiltApi[] = [];
    try {
      for (const ref of after === undefined ? [before] : [before, after]) built.push(buildApiAt(root, ref));
      const [was, now] = built as [BuiltApi, BuiltApi | undefined];
      await compareApps(
        {
          label: `${before} (${was.commit})${baselineFlags ? `, with this code's node flags (${baselineFlags.join(' ') || 'none'})` : ''}`,
          root: was.root,
          nodeFlags: baselineFlags,
        },
        now === undefined ? { label: 'this code', root } : { label: `${after} (${now.commit})`, root: now.root, nodeFlags: baselineFlags },
        target,
      );
    } finally {
      for (const api of built) api.dispose();
    }
  }
}

/**
 * This code with the Node flags it ships with against this code without them, in the same run
 * (BENCH_API_NODE_FLAGS_AB=1): what the flags (ADR 031's smaller young generation) cost or save.
 */
async function compareNodeFlags(): Promise<void> {
  const flags = await shippedNodeFlags(root);
  if (flags.length === 0) {
    console.log('node flags: this code ships with none, nothing to compare');
    return;
  }
  await compareApps({ label: 'this code without its node flags', root, nodeFlags: [] }, { label: `this code with ${flags.join(' ')}`, root }, undefined);
}

/**
 * This code as it runs by default, telemetry off (metrics on, no OTLP endpoint), against the same
 * build with no telemetry hook at all (METRICS=off), in the same run (BENCH_API_METRICS_AB=1): what
 * the telemetry that stays on costs a request. Issue 17 asks for within 3 % of before telemetry.
 */
async function compareTelemetryHooks(): Promise<void> {
  await compareApps(
    { label: 'this code with no telemetry hooks (METRICS=off)', root, settings: { METRICS: 'off' } },
    { label: 'this code, telemetry off (metrics on, no OTLP endpoint)', root },
    0.97,
  );
}

/**
 * The same two configurations as compareTelemetryHooks, as two apps in one process taking turns
 * (support/telemetry-in-one-process.ts), with the Node flags the API ships with: the telemetry's
 * cost where the machine's noise falls on both alike. Slices: BENCH_API_TELEMETRY_SLICES (40).
 */
async function compareTelemetryInOneProcess(): Promise<void> {
  const slices = process.env.BENCH_API_TELEMETRY_SLICES ?? '40';
  const issue = JSON.stringify({
    query: `mutation($i: DeterminationInput!) { issueDetermination(input: $i, validAt: "2025-06-01") { id outcome position } }`,
    variables: { i: shipment('bench-issue-__I__') },
  });
  const requests = [
    ['trivial { __typename }', TRIVIAL, 1000],
    ['evaluate (every field)', evaluateBody(EVALUATE)(0), 200],
    ['evaluate (decision)', evaluateBody(EVALUATE_DECISION)(0), 400],
    ['issueDetermination', issue, 100],
  ];
  const script = fileURLToPath(new URL('./support/telemetry-in-one-process.js', import.meta.url));
  const flags = await shippedNodeFlags(root);
  console.log(`telemetry in one process: METRICS=off and the default build alternating, ${slices} slices each (${flags.join(' ')})`);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, script, slices, JSON.stringify(requests)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`telemetry-in-one-process exited with ${code}`))));
  });
  for (const line of output.trim().split('\n')) {
    const row = JSON.parse(line) as { name: string; offUs: number; onUs: number; medianRatio: number; meanRatio: number };
    console.log(
      `  ${row.name.padEnd(24)} CPU per request: METRICS=off ${row.offUs.toFixed(1)} us, metrics on ${row.onUs.toFixed(1)} us; ` +
        `off / on: median of slices ${row.medianRatio.toFixed(3)}, of the means ${row.meanRatio.toFixed(3)} (target >= 0.97)`,
    );
  }
}

export async function run(): Promise<void> {
  if (process.env.BENCH_API_NODE_FLAGS_AB === '1') await compareNodeFlags();
  const telemetryAb = process.env.BENCH_API_METRICS_AB;
  if (telemetryAb === '1') await compareTelemetryHooks();
  if (telemetryAb === '1' || telemetryAb === 'in-one-process') await compareTelemetryInOneProcess();
  if (process.env.BENCH_API_BEFORE_TELEMETRY !== '0') await compareBeforeTelemetry();
  if (process.env.BENCH_API_BASELINE) await compareBaselines(process.env.BENCH_API_BASELINE);
  const { rows, decisionAnswer } = await measureApp();
  const floor = await measureFloor(decisionAnswer);
  console.log(`${DURATION_S} s each, 50 connections, server on the embedded SQLite store (synchronous=FULL)`);
  for (const row of rows) print(row);
  const [trivial, evaluated, decided, issued] = rows as [Row, Row, Row, Row];
  console.log(
    `evaluate / trivial (target >= 0.5): every field ${(evaluated.rps / trivial.rps).toFixed(2)}, decision ${(decided.rps / trivial.rps).toFixed(2)}; ` +
      `evaluate p99 (target < 50 ms): every field ${evaluated.p99} ms, decision ${decided.p99} ms; issueDetermination ${Math.round(issued.rps)}/s (target >= 1,000)`,
  );
  console.log('framework floor: Fastify + Mercurius alone, same schema and JIT mode, evaluate returning a fixed answer (no auth, Nest, engine or store)');
  for (const row of floor) print(row);
  const [floorTrivial, floorDecided] = floor as [Row, Row];
  console.log(
    `floor evaluate / floor trivial: ${(floorDecided.rps / floorTrivial.rps).toFixed(2)}; app trivial / floor trivial: ${(trivial.rps / floorTrivial.rps).toFixed(2)}`,
  );
}
