/**
 * Audit record benchmark (issue 12), all in one run:
 * 1. issueDetermination over HTTP (autocannon, 50 connections) with the tree on and off
 *    (AUDIT_TREE), alternating, each on a fresh data directory: the ratio on/off (target >= 0.9).
 * 2. Inclusion proof generation from the stored tree at 1,000,000 leaves (target p99 < 1 ms).
 * 3. Offline receipt verification with the browser-safe verifier (target < 1 ms).
 * 4. A fresh node's catch-up over 1,000,000 events of the embedded store: the log read through a
 *    subscription alone, and with the tree projection building the tree (target: adds < 20 %).
 * BENCH_AUDIT_SECONDS (default 10) sets each HTTP run; BENCH_AUDIT_EVENTS (default 1,000,000) the
 * log and tree sizes; BENCH_AUDIT_PARTS (default all: proofs,verify,catch-up,http) which parts run.
 * The 1,000,000-event store is cached in .tmp/ (building it takes minutes).
 */
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  defaultHasher,
  importCheckpointKey,
  importPublicKey,
  inclusionProof,
  RECEIPT_FORMAT,
  signCheckpoint,
  toHex,
  verifyReceipt,
  type LeafEvent,
  type Receipt,
} from '#audit';
import { AuditTreeProjection, leafEventOf, loadSigningKey, nativeHasher, nodeCheckpointKey, SqliteTreeStore } from '#audit-log';
import { leafHashOf } from '#audit';
import { applicationSerializer } from '#api-kit';
import type { NewEvent } from '#event-store';
import { openSqliteEventStore } from '#event-store/sqlite';
import { AppConfig, AuthService } from '../../apps/api/src/platform/index.js';
import { median } from './support/stats.js';

const SECRET = 'benchmark-secret-0123456789-0123456789';
const SECONDS = Number(process.env.BENCH_AUDIT_SECONDS ?? 10);
const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cacheDir = join(root, '.tmp');
const PARTS = new Set((process.env.BENCH_AUDIT_PARTS ?? 'proofs,verify,catch-up,http').split(','));

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** issueDetermination/s on the built app with AUDIT_TREE=tree, on a fresh data directory. */
async function issueRate(tree: 'on' | 'off', run: number): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), `policy-ledger-bench-audit-${tree}-`));
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      // One caller sends hundreds of issues a second: the per-caller rate limit (ADR 017) would refuse most.
      RATE_LIMIT_POINTS: '0',
      AUDIT_TREE: tree,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let waited = 0; waited < 120_000; waited += 200) {
      if (
        await fetch(`http://127.0.0.1:${port}/health/ready`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const token = await (
      await AuthService.create(new AppConfig({ AUTH_JWT_SECRET: SECRET, DATA_DIR: dataDir }))
    ).mint({ id: 'bench', roles: ['determiner'] }, 3600);
    const query = `mutation($i: DeterminationInput!) { issueDetermination(input: $i, validAt: "2025-06-01") { id outcome position } }`;
    const body = (i: number) =>
      JSON.stringify({
        query,
        variables: {
          i: {
            destination: 'IN',
            consignee: { id: `bench-${run}-${i}`, country: 'IN', headquarters: 'IN' },
            items: [{ kind: 'INTEGRATED_CIRCUIT', tpp: 15831, performanceDensity: 19.4, quantity: 200 }],
          },
        },
      });
    let i = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/graphql`,
      connections: 50,
      duration: SECONDS,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      requests: [{ setupRequest: (request) => ({ ...request, body: body(i++) }) }],
    });
    if (result.errors > 0 || result.non2xx > 0) throw new Error(`issueDetermination (tree ${tree}): ${result.errors} errors, ${result.non2xx} non-2xx`);
    return result.requests.average;
  } finally {
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function event(i: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'DeterminationIssued',
    data: {
      id: `det-${i}`,
      coordinates: { validAt: '2025-06-01T00:00:00.000Z', knownPosition: 1234 },
      input: { destination: ['CN', 'AE', 'NL', 'IN', 'BR'][i % 5], consignee: { id: `c-${i % 977}`, country: 'IN', headquarters: 'IN' } },
      result: { outcome: i % 3 === 0 ? 'LICENSE_REQUIRED' : 'NO_LICENSE_REQUIRED', trace: [{ ruleId: 'advanced-computing-2023', matched: i % 2 === 0 }] },
    },
    metadata: { correlationId: `req-${i}`, actor: 'bench', role: 'determiner' },
  };
}

/** A SQLite store of EVENTS determination events (one stream each), cached in .tmp/. */
async function seededStore(): Promise<string> {
  const file = join(cacheDir, `audit-bench-${EVENTS}.sqlite`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  const building = `${file}.building`;
  rmSync(building, { force: true });
  const store = openSqliteEventStore({ file: building, durability: 'normal', serializer: applicationSerializer() });
  const started = Date.now();
  for (let i = 0; i < EVENTS; i += 1000) {
    await Promise.all(Array.from({ length: Math.min(1000, EVENTS - i) }, (_, j) => store.append(`determination-${i + j}`, [event(i + j)], 'no_stream')));
    if (i % 100_000 === 0) process.stdout.write(`  seeding ${i.toLocaleString('en-US')} events (${Math.round((Date.now() - started) / 1000)} s)\r`);
  }
  await store.close();
  renameSync(building, file);
  return file;
}

/** Seconds a fresh subscriber takes to read the whole log; with `tree`, building the audit tree too. */
async function catchUp(file: string, tree: boolean): Promise<number> {
  const store = openSqliteEventStore({ file, crossProcessPollMs: 0, serializer: applicationSerializer() });
  const dbDir = mkdtempSync(join(tmpdir(), 'policy-ledger-bench-tree-'));
  const db = new Database(join(dbDir, 'tree.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  try {
    const started = process.hrtime.bigint();
    if (tree) {
      const projection = new AuditTreeProjection(store, new SqliteTreeStore(db, nativeHasher));
      await projection.start();
      await projection.stop();
      if (projection.tree.size !== EVENTS) throw new Error(`the tree has ${projection.tree.size} leaves`);
    } else {
      let seen = 0;
      const subscription = store.subscribe({}, () => {
        seen++;
      });
      await subscription.caughtUp;
      await subscription.stop();
      if (seen !== EVENTS) throw new Error(`read ${seen} events`);
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    db.close();
    await store.close();
    rmSync(dbDir, { recursive: true, force: true });
  }
}

/** p50/p99 of inclusion proof generation (random leaf, tree of EVENTS leaves), in microseconds. */
function proofTimes(): { p50: number; p99: number; build: number } {
  const dir = mkdtempSync(join(tmpdir(), 'policy-ledger-bench-proofs-'));
  const db = new Database(join(dir, 'tree.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  try {
    const tree = new SqliteTreeStore(db, nativeHasher);
    const started = Date.now();
    for (let i = 0; i < EVENTS; i += 10_000) {
      const batch = Array.from({ length: Math.min(10_000, EVENTS - i) }, (_, j) => ({
        position: i + j + 1,
        hash: nativeHasher.leafHash(new TextEncoder().encode(`leaf ${i + j}`)),
      }));
      tree.append(batch, i + batch.length);
    }
    const build = (Date.now() - started) / 1000;
    const times: number[] = [];
    for (let k = 0; k < 20_000; k++) {
      const index = Math.floor(Math.random() * EVENTS);
      const t = process.hrtime.bigint();
      inclusionProof(tree, nativeHasher, index, EVENTS);
      if (k >= 1000) times.push(Number(process.hrtime.bigint() - t) / 1000);
    }
    times.sort((a, b) => a - b);
    return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), build };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How a receipt is verified: what the CLI did before (a CryptoKey, its id derived per receipt), the browser's way, Node's way. */
const VERIFIERS = [
  'before: CryptoKey per call, pure SHA-256',
  'browser: key imported once, WebCrypto, pure SHA-256',
  'node: node:crypto key, native SHA-256',
] as const;
type Verifier = (typeof VERIFIERS)[number];

/**
 * p50/p99 of verifyReceipt for a receipt at 1,000,000 leaves (a 20-hash path), in microseconds, for
 * each way of verifying: 5 rounds alternating between them, 600 verifications each (the first 60
 * of a round not counted), back to back as `policyctl audit verify-receipt` over a folder would.
 */
async function verificationTimes(): Promise<Map<Verifier, { p50: number; p99: number; cpuP50: number; cpuP99: number }>> {
  const dir = mkdtempSync(join(tmpdir(), 'policy-ledger-bench-receipt-'));
  try {
    const key = await loadSigningKey(undefined, dir);
    const leaf: LeafEvent = leafEventOf({
      ...(event(7) as NewEvent & { data: unknown }),
      stream: 'determination-7',
      revision: 0,
      position: 8,
      recordedAt: '2026-01-01T00:00:00.000Z',
      metadata: { actor: 'bench', prevHash: '', hash: 'ab'.repeat(32), schemaVersion: 1 },
    });
    // A path of 20 hashes: what a leaf of a tree of 1,000,000 leaves has.
    const hashes = Array.from({ length: 20 }, (_, i) => nativeHasher.leafHash(new Uint8Array([i])));
    const leafHash = leafHashOf(defaultHasher, leaf);
    const index = 524_287;
    const size = 1_000_000;
    let root = leafHash;
    let fn = index;
    for (const h of hashes) {
      root = fn % 2 === 1 ? nativeHasher.nodeHash(h, root) : nativeHasher.nodeHash(root, h);
      fn = Math.floor(fn / 2);
    }
    const checkpoint = await signCheckpoint({ treeSize: size, rootHash: toHex(root), issuedAt: '2026-01-01T00:00:00.000Z', keyId: key.keyId }, key.privateKey);
    const receipt: Receipt = {
      format: RECEIPT_FORMAT,
      event: leaf,
      position: 8,
      leafIndex: index,
      leafHash: toHex(leafHash),
      inclusionProof: { treeSize: size, hashes: hashes.map(toHex) },
      anchor: 'logged',
      checkpoint,
    };
    const cryptoKey = await importPublicKey(key.publicKeyPem);
    const browserKey = await importCheckpointKey(key.publicKeyPem);
    const nodeKey = await nodeCheckpointKey(key.publicKeyPem);
    const verify: Record<Verifier, () => Promise<{ valid: boolean }>> = {
      [VERIFIERS[0]]: () => verifyReceipt(receipt, cryptoKey),
      [VERIFIERS[1]]: () => verifyReceipt(receipt, browserKey),
      [VERIFIERS[2]]: () => verifyReceipt(receipt, nodeKey, nativeHasher),
    };
    const times = new Map<Verifier, number[]>(VERIFIERS.map((name) => [name, []]));
    // CPU time of the process (every thread: WebCrypto's pool too) per verification: on a shared
    // machine the wall-clock p99 is mostly the scheduler's, the CPU p99 the verifier's own.
    const cpuTimes = new Map<Verifier, number[]>(VERIFIERS.map((name) => [name, []]));
    for (const name of VERIFIERS) if (!(await verify[name]()).valid) throw new Error(`the benchmark's receipt does not verify (${name})`);
    for (let round = 0; round < 5; round++) {
      for (const name of VERIFIERS) {
        for (let k = 0; k < 600; k++) {
          const cpu = process.cpuUsage();
          const t = process.hrtime.bigint();
          await verify[name]();
          const wall = Number(process.hrtime.bigint() - t) / 1000;
          const used = process.cpuUsage(cpu);
          if (k >= 60) {
            times.get(name)!.push(wall);
            cpuTimes.get(name)!.push(used.user + used.system);
          }
        }
      }
    }
    return new Map(
      VERIFIERS.map((name) => {
        const sorted = times.get(name)!.sort((a, b) => a - b);
        const cpu = cpuTimes.get(name)!.sort((a, b) => a - b);
        return [name, { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), cpuP50: quantile(cpu, 0.5), cpuP99: quantile(cpu, 0.99) }];
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  console.log(`load average before: ${load()}`);
  if (PARTS.has('proofs')) {
    const proofs = proofTimes();
    console.log(
      `inclusion proof at ${EVENTS.toLocaleString('en-US')} leaves (stored tree, SQLite): p50 ${proofs.p50.toFixed(1)} us, p99 ${proofs.p99.toFixed(1)} us (target p99 < 1000 us); tree of leaf hashes built in ${proofs.build.toFixed(1)} s`,
    );
  }
  if (PARTS.has('verify')) {
    const verification = await verificationTimes();
    const before = verification.get(VERIFIERS[0])!;
    for (const [name, { p50, p99, cpuP50, cpuP99 }] of verification)
      console.log(
        `offline receipt verification (20-hash path, Ed25519), ${name}: p50 ${p50.toFixed(0)} us, p99 ${p99.toFixed(0)} us ` +
          `(target p99 < 1000 us; p99 ${(p99 / before.p99).toFixed(2)} x before, same run); CPU per verification p50 ${cpuP50.toFixed(0)} us, p99 ${cpuP99.toFixed(0)} us (${(cpuP99 / before.cpuP99).toFixed(2)} x before)`,
      );
  }
  if (PARTS.has('catch-up')) await catchUpFigures();
  if (PARTS.has('http')) await httpFigures();
  console.log(`load average after: ${load()}`);
}

async function catchUpFigures(): Promise<void> {
  const file = await seededStore();
  const plain: number[] = [];
  const withTree: number[] = [];
  for (let r = 0; r < 3; r++) {
    plain.push(await catchUp(file, false));
    withTree.push(await catchUp(file, true));
  }
  const [a, b] = [median(plain), median(withTree)];
  console.log(
    `catch-up over ${EVENTS.toLocaleString('en-US')} events (median of 3): read only ${a.toFixed(1)} s (${Math.round(EVENTS / a).toLocaleString('en-US')}/s), ` +
      `with the tree ${b.toFixed(1)} s: the tree adds ${(((b - a) / a) * 100).toFixed(0)} % (target < 20 %) [runs: ${plain.map((x) => x.toFixed(1)).join(', ')} / ${withTree.map((x) => x.toFixed(1)).join(', ')}]`,
  );
}

async function httpFigures(): Promise<void> {
  const on: number[] = [];
  const off: number[] = [];
  for (let r = 0; r < 3; r++) {
    off.push(await issueRate('off', r));
    on.push(await issueRate('on', r));
  }
  console.log(
    `issueDetermination (50 connections, ${SECONDS} s each, median of 3): tree off ${Math.round(median(off))}/s, tree on ${Math.round(median(on))}/s, ` +
      `on/off ${(median(on) / median(off)).toFixed(2)} (target >= 0.9) [off ${off.map(Math.round).join(', ')}; on ${on.map(Math.round).join(', ')}]`,
  );
}
