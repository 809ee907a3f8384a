/**
 * Catch-up benchmark (issue 14; the audit tree's share, issue 12): a fresh node over a recorded
 * log (support/catch-up-log.ts: the policy history, then determinations of ~8 KB with their
 * ledger draws), on the embedded SQLite store and on the EventStoreDB stand-in (which is not
 * EventStoreDB), next to merely reading the same events through the same client, in one run.
 *
 * Each measurement is a child process (support/catch-up-probe.ts), so RSS and CPU are its own,
 * started with the Node flags the API ships with (apps/api/src/node-flags.ts), as a node runs:
 * - read: a subscription from the start with a handler that does nothing;
 * - node: the node's projections as it runs them before it listens, audit tree included;
 * - node without tree: the same with AUDIT_TREE=off.
 * Rounds interleave the three, so a busy moment of a shared machine hits each alike; medians.
 * Targets: node >= 0.5 of the read-only rate on both stores, the node's peak RSS under 1 GiB,
 * and the tree adding under 20 % to the node's catch-up.
 *
 * Settings: BENCH_CATCHUP_SIZE (events in the log, default 1,000,000), BENCH_CATCHUP_RUNS
 * (rounds, default 3), BENCH_CATCHUP_STORES (default "sqlite,eventstoredb"; "stand-in" is
 * eventstoredb), BENCH_CATCHUP_CACHE (default .tmp/bench-catch-up: the SQLite log is built once
 * per content key and reused; the stand-in keeps its log in memory, ~12 GB at 1,000,000),
 * BENCH_CATCHUP_PROFILE=1 (V8 CPU profiles of the probes into <cache>/profiles), BENCH_CATCHUP_LOG
 * (a SQLite store to catch up over instead, its size its own: e.g. the impact benchmark's
 * 1,000,000-ruling seed, whose log is the issue path's own events; building this bench's log at
 * that size takes about an hour here. Each node run drops and rebuilds the file's read models,
 * which end as the node leaves them).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { API_NODE_FLAGS } from '../../apps/api/src/node-flags.js';
import { EventStoreDbStandIn } from '../support/esdb-standin/event-store-db-stand-in.js';
import { catchUpLog, dropReadModel, loadIntoStandIn } from './support/catch-up-log.js';
import { median } from './support/stats.js';

type Mode = 'read' | 'node' | 'node-without-tree';
const MODES: Mode[] = ['read', 'node', 'node-without-tree'];

interface Probe {
  events?: number;
  rows?: number;
  leaves?: number;
  elapsedMs: number;
  cpuSeconds: number;
  maxRssMiB: number;
  /** This process's CPU while the probe ran (the stand-in's serving, on EventStoreDB). */
  serverCpuSeconds?: number;
}

const fromSources = import.meta.url.endsWith('.ts');
const probeScript = fileURLToPath(new URL(`./support/catch-up-probe.${fromSources ? 'ts' : 'js'}`, import.meta.url));
const n = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const cpuSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function probe(kind: string, target: string, mode: Mode, dataDir: string, profileDir?: string): Promise<Probe> {
  const flags = [...process.execArgv, ...API_NODE_FLAGS, ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, probeScript, kind, target, mode, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`catch-up probe (${kind} ${mode}) exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Probe);
    });
  });
}

/** Checks a probe saw the whole log: a benchmark that read less would flatter itself. */
function check(p: Probe, mode: Mode, size: number, determinations: number): void {
  if (mode === 'read' && p.events !== size) throw new Error(`read ${p.events} events, not ${size}`);
  if (mode !== 'read' && p.rows !== determinations) throw new Error(`the read model holds ${p.rows} determinations, not ${determinations}`);
  if (mode === 'node' && p.leaves !== size) throw new Error(`the audit tree has ${p.leaves} leaves, not ${size}`);
}

async function measure(
  kind: 'sqlite' | 'eventstoredb',
  target: string,
  size: number,
  determinations: number,
  runs: number,
  workDir: string,
  beforeNode: () => void,
  profileDir?: string,
): Promise<void> {
  const results = new Map<Mode, Probe[]>(MODES.map((mode) => [mode, []]));
  for (let round = 0; round < runs; round++) {
    for (const mode of MODES) {
      if (mode !== 'read') beforeNode();
      const dataDir = mkdtempSync(join(workDir, `${kind}-${mode}-`));
      try {
        const ownCpu = process.cpuUsage();
        const p = await probe(kind, target, mode, dataDir, profileDir);
        // This process does nothing else while a probe runs: its CPU is the in-process stand-in serving the probe.
        const serverCpuSeconds = cpuSince(ownCpu);
        check(p, mode, size, determinations);
        results.get(mode)!.push({ ...p, serverCpuSeconds });
        const server = kind === 'eventstoredb' ? `  stand-in CPU ${n(serverCpuSeconds, 1)} s` : '';
        console.log(
          `  ${kind} round ${round + 1} ${mode.padEnd(17)} ${n(p.elapsedMs / 1000, 1).padStart(7)} s  CPU ${n(p.cpuSeconds, 1)} s${server}  peak RSS ${n(p.maxRssMiB)} MiB  (load ${load()})`,
        );
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  const seconds = (mode: Mode) => median(results.get(mode)!.map((p) => p.elapsedMs)) / 1000;
  const cpu = (mode: Mode) => median(results.get(mode)!.map((p) => p.cpuSeconds));
  const [read, node, bare] = [seconds('read'), seconds('node'), seconds('node-without-tree')];
  const ratio = read / node;
  const rss = Math.max(...results.get('node')!.map((p) => p.maxRssMiB), ...results.get('node-without-tree')!.map((p) => p.maxRssMiB));
  const share = (node - bare) / bare;
  console.log(`${kind}, ${n(size)} events, median of ${runs}:`);
  const serverCpu = (mode: Mode) => median(results.get(mode)!.map((p) => p.serverCpuSeconds ?? 0));
  const served = (mode: Mode) => (kind === 'eventstoredb' ? `; the stand-in serving it: CPU ${n(serverCpu(mode), 1)} s` : '');
  console.log(`  read only (same client, no projection): ${n(read, 1)} s, ${n(size / read)} events/s, CPU ${n(cpu('read'), 1)} s${served('read')}`);
  console.log(
    `  fresh node catch-up:                    ${n(node, 1)} s, ${n(size / node)} events/s, CPU ${n(cpu('node'), 1)} s (${n((cpu('node') * 1e6) / size)} us/event)${served('node')}`,
  );
  console.log(`  catch-up / read-only rate: ${ratio.toFixed(2)} (target >= 0.50) ${ratio >= 0.5 ? 'met' : 'MISSED'}`);
  console.log(`  node peak RSS: ${n(rss)} MiB (target < 1,024) ${rss < 1024 ? 'met' : 'MISSED'}`);
  console.log(`  audit tree: node without it ${n(bare, 1)} s; the tree adds ${(share * 100).toFixed(0)} % (target < 20 %) ${share < 0.2 ? 'met' : 'MISSED'}`);
}

export async function run(): Promise<void> {
  let size = Number(process.env.BENCH_CATCHUP_SIZE ?? 1_000_000);
  const runs = Number(process.env.BENCH_CATCHUP_RUNS ?? 3);
  // "stand-in" names the EventStoreDB stand-in too; any other name is a typo that would measure nothing.
  const stores = (process.env.BENCH_CATCHUP_STORES ?? 'sqlite,eventstoredb')
    .split(',')
    .map((name) => (name.trim() === 'stand-in' ? 'eventstoredb' : name.trim()));
  const unknown = stores.filter((name) => name !== 'sqlite' && name !== 'eventstoredb');
  if (unknown.length > 0) throw new Error(`BENCH_CATCHUP_STORES: unknown store ${unknown.join(', ')} (sqlite, eventstoredb or stand-in)`);
  const cacheDir = process.env.BENCH_CATCHUP_CACHE ?? join(process.cwd(), '.tmp', 'bench-catch-up');
  const profileDir = process.env.BENCH_CATCHUP_PROFILE === '1' ? join(cacheDir, 'profiles') : undefined;
  console.log(`load average at start: ${load()}`);
  const given = process.env.BENCH_CATCHUP_LOG;
  const log = given ? { file: given, builtSeconds: undefined } : await catchUpLog(cacheDir, size, (line) => console.log(line));
  const db = new Database(log.file, { readonly: true });
  if (given) size = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  const determinations = db.prepare("SELECT COUNT(*) FROM events WHERE type = 'DeterminationIssued'").pluck().get() as number;
  const bytes = db.prepare("SELECT AVG(LENGTH(data)) FROM (SELECT data FROM events WHERE type = 'DeterminationIssued' LIMIT 10000)").pluck().get() as number;
  db.close();
  console.log(
    `log: ${n(size)} events, ${n(determinations)} determinations (data ~${n(bytes)} bytes each), the rest ledger draws and the policy history; ` +
      (log.builtSeconds === undefined ? `cached ${log.file}` : `built in ${n(log.builtSeconds)} s`),
  );
  const workDir = join(cacheDir, 'runs');
  mkdirSync(workDir, { recursive: true });

  if (stores.includes('sqlite')) await measure('sqlite', log.file, size, determinations, runs, workDir, () => dropReadModel(log.file), profileDir);
  if (stores.includes('eventstoredb')) {
    const standIn = new EventStoreDbStandIn();
    await standIn.start();
    try {
      const loading = performance.now();
      loadIntoStandIn(log.file, standIn);
      console.log(`EventStoreDB stand-in (in this process; not EventStoreDB): log loaded into its memory in ${n((performance.now() - loading) / 1000)} s`);
      await measure('eventstoredb', standIn.connectionString, size, determinations, runs, workDir, () => undefined, profileDir);
    } finally {
      await standIn.stop();
    }
  }
  rmSync(workDir, { recursive: true, force: true });
  console.log(`load average at end: ${load()}`);
  if (profileDir) console.log(`CPU profiles: ${profileDir}`);
}
