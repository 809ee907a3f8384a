/**
 * Scale-out benchmark (issue 6), on the EventStoreDB stand-in (which is not EventStoreDB: its
 * figures say how our API nodes scale, not how fast EventStoreDB is).
 *
 * 1. Determinations issued per second through one API node, then through two (same total of
 *    connections, split), each phase on a fresh stand-in in its own process, all in one run on
 *    one machine: the stand-in, the nodes and the load generator share its cores. Also the CPU
 *    time the API nodes and the stand-in used per 1,000 determinations (Linux /proc), which says
 *    what two cores cannot show: whether a node does more work for sharing the store.
 * 2. Catch-up of a fresh node over 1,000,000 events: a stand-in in this process holds the policy
 *    history, real determinations issued through an API node, and then clones of those events
 *    loaded straight into its memory (`seed`, no gRPC round trips; each clone with its own ids and
 *    stream, sealed as the adapter seals an append). A new API node (fresh data directory) is then
 *    started and timed until it listens (it listens once every projection has caught up) and
 *    until /health/ready.
 * Settings: BENCH_SCALE_OUT_SECONDS (default 10), BENCH_SCALE_OUT_EVENTS (default 1,000,000).
 */
import autocannon from 'autocannon';
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stableId } from '#api-kit';
import { applicationEventSerializer, openEventStoreDbEventStore, type RecordedEvent } from '#event-store';
import { AppConfig, AuthService } from '../../apps/api/src/platform/index.js';
import { draftEvents, sealEvents } from '../../libs/event-store/src/internal/append-plan.js';
import { EventStoreDbStandIn, type SeedEvent } from '../support/esdb-standin/event-store-db-stand-in.js';

const SECRET = 'benchmark-secret-0123456789-0123456789';
const SECONDS = Number(process.env.BENCH_SCALE_OUT_SECONDS ?? 10);
const CATCH_UP_EVENTS = Number(process.env.BENCH_SCALE_OUT_EVENTS ?? 1_000_000);
const CONNECTIONS = 50;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const shipment = (consignee: string, quantity = 200) => ({
  destination: 'IN',
  consignee: { id: consignee, country: 'IN', headquarters: 'IN' },
  items: [{ kind: 'INTEGRATED_CIRCUIT', tpp: 15831, performanceDensity: 19.4, quantity }],
});
const ISSUE = 'mutation($i: DeterminationInput!) { issueDetermination(input: $i, validAt: "2025-06-01") { id outcome position } }';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Node {
  url: string;
  pid: number;
  /** ms from spawn until the port answered (the API listens once its projections have caught up). */
  listeningAfterMs: number;
  stop(): Promise<void>;
}

/** The built API (dist/) in its own process against `connectionString`, on a fresh data directory. */
async function startNode(connectionString: string, timeoutMs = 60_000): Promise<Node> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-ledger-bench-node-'));
  const started = Date.now();
  const child = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: connectionString,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(() => fetch(`${url}/health/live`).then((r) => r.ok), timeoutMs);
  const listeningAfterMs = Date.now() - started;
  return {
    url,
    pid: child.pid!,
    listeningAfterMs,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The stand-in built to dist/, in its own process (so the load generator does not share its event loop). */
async function startStandInProcess(): Promise<{ connectionString: string; pid: number; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'dist/test/support/esdb-standin/main.js'), '--host', '127.0.0.1', '--port', '0'], {
    cwd: root,
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`stand-in exited (${code})`)));
  });
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Responses that carried GraphQL errors (autocannon counts them as 2xx). */
  graphqlErrors: number;
}

interface Phase extends Load {
  /** CPU seconds per 1,000 determinations: the API nodes together, and the stand-in. */
  nodeCpuPerThousand: number;
  standInCpuPerThousand: number;
}

const CLOCK_TICKS_PER_SECOND = Number(execSync('getconf CLK_TCK').toString().trim());

/** CPU time (user + system) a process has used so far, in seconds, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

async function load(url: string, token: string, connections: number, prefix: string): Promise<Load> {
  let i = 0;
  let graphqlErrors = 0;
  const result = await autocannon({
    url: `${url}/graphql`,
    connections,
    duration: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: ISSUE, variables: { i: shipment(`${prefix}-${i++}`) } }) }),
        onResponse: (_status, body) => {
          if (body.includes('"errors"')) graphqlErrors++;
        },
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx, graphqlErrors };
}

async function throughput(token: string, nodes: 1 | 2): Promise<Phase> {
  const standIn = await startStandInProcess();
  const started: Node[] = [];
  try {
    started.push(await startNode(standIn.connectionString));
    if (nodes === 2) started.push(await startNode(standIn.connectionString));
    // Warm-up: JIT, connection pools, the policy timeline's compiled rules.
    await Promise.all(
      started.map((node, n) =>
        autocannon({
          url: `${node.url}/graphql`,
          connections: 5,
          amount: 200,
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: ISSUE, variables: { i: shipment(`warm-${n}`) } }),
        }),
      ),
    );
    const nodeCpuBefore = started.reduce((sum, node) => sum + cpuSeconds(node.pid), 0);
    const standInCpuBefore = cpuSeconds(standIn.pid);
    const perNode = await Promise.all(started.map((node, n) => load(node.url, token, CONNECTIONS / nodes, `bench-${nodes}-${n}`)));
    const thousands = (perNode.reduce((sum, r) => sum + r.rps, 0) * SECONDS) / 1000;
    return {
      rps: perNode.reduce((sum, r) => sum + r.rps, 0),
      p50: Math.max(...perNode.map((r) => r.p50)),
      p99: Math.max(...perNode.map((r) => r.p99)),
      errors: perNode.reduce((sum, r) => sum + r.errors, 0),
      non2xx: perNode.reduce((sum, r) => sum + r.non2xx, 0),
      graphqlErrors: perNode.reduce((sum, r) => sum + r.graphqlErrors, 0),
      nodeCpuPerThousand: (started.reduce((sum, node) => sum + cpuSeconds(node.pid), 0) - nodeCpuBefore) / thousands,
      standInCpuPerThousand: (cpuSeconds(standIn.pid) - standInCpuBefore) / thousands,
    };
  } finally {
    for (const node of started) await node.stop();
    await standIn.stop();
  }
}

/** Real events of the product (issued through an API node), to clone: DeterminationIssued and AllocationDrawn. */
async function realTemplates(standIn: EventStoreDbStandIn, token: string): Promise<RecordedEvent[]> {
  const node = await startNode(standIn.connectionString);
  try {
    for (let i = 0; i < 100; i++) {
      // Every fourth consignee twice: a second draw on the same ledger; quantities vary the outcome.
      const consignee = `template-${i - (i % 4 === 1 ? 1 : 0)}`;
      const response = await fetch(`${node.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: ISSUE, variables: { i: shipment(consignee, [50, 200, 900, 2000][i % 4]) } }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    }
  } finally {
    await node.stop();
  }
  const store = openEventStoreDbEventStore({ connectionString: standIn.connectionString, deadlineMs: 60_000 });
  try {
    return (await store.readAll({ streamPrefix: ['determination-', 'ledger-'] })).filter(
      (e) => e.type === 'DeterminationIssued' || e.type === 'AllocationDrawn',
    );
  } finally {
    await store.close();
  }
}

/** Clones `from` .. `from + count - 1` of the templates, each in a stream of its own (revision 0 of its chain). */
function clones(templates: RecordedEvent[], from: number, count: number): SeedEvent[] {
  const serializer = applicationEventSerializer();
  const out: SeedEvent[] = [];
  for (let i = from; i < from + count; i++) {
    const template = templates[i % templates.length]!;
    const determinationId = stableId('bench-catch-up', String(i));
    const data = { ...(template.data as Record<string, unknown>), determinationId };
    const stream = template.type === 'DeterminationIssued' ? `determination-${determinationId}` : `ledger-LPP-bench-catch-up-${i}-2025`;
    const { schemaVersion: _version, prevHash: _prev, hash: _hash, ...metadata } = template.metadata;
    const [sealed] = sealEvents(
      stream,
      -1,
      undefined,
      draftEvents(stream, [{ id: stableId(determinationId, template.type), type: template.type, data, metadata }], serializer),
    );
    out.push({ stream, id: sealed!.id, type: sealed!.type, data: Buffer.from(JSON.stringify(data)), metadata: Buffer.from(JSON.stringify(sealed!.metadata)) });
  }
  return out;
}

async function catchUp(token: string): Promise<void> {
  const standIn = new EventStoreDbStandIn();
  await standIn.start();
  try {
    const templates = await realTemplates(standIn, token);
    const before = standIn.eventCount;
    const total = Math.max(0, CATCH_UP_EVENTS - before);
    const seeding = Date.now();
    for (let done = 0; done < total; done += 50_000) standIn.seed(clones(templates, done, Math.min(50_000, total - done)));
    const seededIn = (Date.now() - seeding) / 1000;
    const issued = templates.filter((t) => t.type === 'DeterminationIssued');
    const bytes = issued.reduce((sum, t) => sum + JSON.stringify(t.data).length, 0) / issued.length;
    const reader = openEventStoreDbEventStore({ connectionString: standIn.connectionString });
    const head = await reader.headPosition();
    await reader.close();
    console.log(
      `catch-up log: ${standIn.eventCount.toLocaleString('en-US')} events (${before.toLocaleString('en-US')} written through an API node: the policy history and the ${templates.length} events of ${issued.length} real determinations; ` +
        `the rest clones of those, loaded into the stand-in's memory in ${seededIn.toFixed(0)} s), DeterminationIssued data ~${Math.round(bytes).toLocaleString('en-US')} bytes, last commit position ${head.toLocaleString('en-US')}`,
    );
    let lastClone = total - 1;
    while (lastClone > 0 && templates[lastClone % templates.length]!.type !== 'DeterminationIssued') lastClone--;

    const started = Date.now();
    const node = await startNode(standIn.connectionString, 30 * 60_000);
    // The node's own CPU while catching up; the rest of the wall time it waited for the stand-in.
    const nodeCpu = cpuSeconds(node.pid);
    await waitFor(() => fetch(`${node.url}/health/ready`).then((r) => r.ok), 60_000);
    const readyAfterMs = Date.now() - started;
    const response = await fetch(`${node.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ determinations(first: 1) { totalCount } }' }),
    });
    const { data } = (await response.json()) as { data: { determinations: { totalCount: number } } };
    const last = await fetch(`${node.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'query($id: ID!) { determination(id: $id) { id position } }',
        variables: { id: stableId('bench-catch-up', String(lastClone)) },
      }),
    });
    const lastBody = (await last.json()) as { errors?: Array<{ message: string }> };
    await node.stop();
    const eventsPerSecond = standIn.eventCount / (node.listeningAfterMs / 1000);
    console.log(
      `fresh node over ${standIn.eventCount.toLocaleString('en-US')} events: listening (every projection caught up) after ${(node.listeningAfterMs / 1000).toFixed(1)} s ` +
        `(${Math.round(eventsPerSecond).toLocaleString('en-US')} events/s; the node's CPU ${nodeCpu.toFixed(0)} s), ready after ${(readyAfterMs / 1000).toFixed(1)} s; read model rows ${data.determinations.totalCount.toLocaleString('en-US')}`,
    );
    console.log(
      `the last determination (commit position ${head > 2 ** 31 - 1 ? 'past' : 'within'} 2^31 - 1) by id over GraphQL: ${lastBody.errors ? `fails: ${lastBody.errors[0]!.message}` : 'ok'}`,
    );
  } finally {
    await standIn.stop();
  }
}

export async function run(): Promise<void> {
  const auth = await AuthService.create(new AppConfig({ AUTH_JWT_SECRET: SECRET, DATA_DIR: tmpdir() }));
  const token = await auth.mint({ id: 'bench', roles: ['determiner'] }, 3600);

  const one = await throughput(token, 1);
  const two = await throughput(token, 2);
  console.log(`issueDetermination, ${SECONDS} s, ${CONNECTIONS} connections in total, distinct consignees, each phase on a fresh stand-in process`);
  for (const [name, row] of [
    ['one API node', one],
    ['two API nodes', two],
  ] as const) {
    console.log(
      `${name.padEnd(14)} ${Math.round(row.rps).toLocaleString('en-US').padStart(6)} determinations/s  p50 ${row.p50} ms  p99 ${row.p99} ms  errors ${row.errors}  non-2xx ${row.non2xx}  GraphQL errors ${row.graphqlErrors}`,
    );
  }
  console.log(`scaling ratio two nodes / one node: ${(two.rps / one.rps).toFixed(2)}`);
  // Two cores cannot show what a second node adds; CPU per determination can: equal figures mean
  // the nodes do no extra work for sharing the store, so throughput grows with the cores given to them.
  for (const [name, row] of [
    ['one API node', one],
    ['two API nodes', two],
  ] as const) {
    console.log(
      `${name.padEnd(14)} CPU per 1,000 determinations: API nodes ${row.nodeCpuPerThousand.toFixed(2)} s, stand-in ${row.standInCpuPerThousand.toFixed(2)} s`,
    );
  }
  console.log(`API-node CPU per determination, two nodes / one node: ${(two.nodeCpuPerThousand / one.nodeCpuPerThousand).toFixed(2)}`);

  await catchUp(token);
}
