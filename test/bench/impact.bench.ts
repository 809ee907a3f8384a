/**
 * Impact analysis benchmark (issue 5): analyseImpact of a one-parameter amendment (the LPP cap
 * halved from 2025-05-15, support/bench-amendment.ts) over 100,000 and 1,000,000 recorded
 * determinations of the real policy (policies/ai-export-controls), single-threaded (workers: 0)
 * and on two worker threads (workers: 2).
 *
 * The stores are seeded by support/seed-determinations.ts (the issue path's events, appended in
 * batches; see there) and cached under .tmp/bench-impact/, keyed by the seed version, the count,
 * the policy files and the engine version: the first run seeds (minutes for 1M), later runs
 * reuse them. Delete the folder to seed afresh.
 *
 * Each analysis runs in a fresh child process (support/impact-probe.ts), so its peak RSS is its
 * own, worker threads included, and no JIT or cache state carries over between runs.
 *
 * Environment: BENCH_IMPACT_SIZES (default "100000,1000000"), BENCH_IMPACT_RUNS (runs of each
 * case, interleaved, the fastest kept; default 3), BENCH_IMPACT_CACHE (default .tmp/bench-impact), and
 * BENCH_IMPACT_PROFILE=1 to write V8 CPU profiles of the probes (main thread and workers) to
 * .tmp/bench-impact/profiles (open them in Chrome DevTools or speedscope).
 */
import { Logger } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE_VERSION } from '#domain';
import { BENCH_AMENDMENT } from './support/bench-amendment.js';
import { seededStore } from './support/seed-determinations.js';

interface Probe {
  /** The 1-minute load average when the probe started: the machine may be shared. */
  load?: number;
  evaluated: number;
  flipped: number;
  unchanged?: number;
  byTransition: Array<{ from: string; to: string; count: number }>;
  elapsedMs: number;
  maxRssMiB: number;
  cpuSeconds: number;
}

const fromSources = import.meta.url.endsWith('.ts');
const probeScript = fileURLToPath(new URL(`./support/impact-probe.${fromSources ? 'ts' : 'js'}`, import.meta.url));

/** Runs one analysis in a child process that inherits this one's flags (the TypeScript hooks, when run from sources). */
function probe(file: string, workers: number, profileDir?: string): Promise<Probe> {
  const flags = [...process.execArgv, ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, probeScript, file, String(workers)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`impact probe exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Probe);
    });
  });
}

const n = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rate = (p: Probe) => p.evaluated / (p.elapsedMs / 1000);

export async function run(): Promise<void> {
  Logger.overrideLogger(false);
  const sizes = (process.env.BENCH_IMPACT_SIZES ?? '100000,1000000').split(',').map(Number);
  const runs = Number(process.env.BENCH_IMPACT_RUNS ?? 3);
  const cacheDir = process.env.BENCH_IMPACT_CACHE ?? join(process.cwd(), '.tmp', 'bench-impact');
  const profileDir = process.env.BENCH_IMPACT_PROFILE === '1' ? join(cacheDir, 'profiles') : undefined;
  const change = BENCH_AMENDMENT.changes[0]!;
  console.log(
    `amendment: ${change.type} ${'parameter' in change ? `${change.parameter} -> ${n(change.value)}` : ''} from ${change.effectiveAt.slice(0, 10)}; ${availableParallelism()} cores`,
  );

  const results = new Map<string, Probe>();
  for (const size of sizes) {
    const { file, seeded } = await seededStore(cacheDir, size, ENGINE_VERSION, (line) => console.log(line));
    if (seeded) {
      console.log(
        `seeded ${n(size)} determinations in ${n(seeded.seconds)} s (${n(size / seeded.seconds)}/s incl. read model), ${n(seeded.draws)} ledger draws, outcomes ${JSON.stringify(seeded.outcomes)}`,
      );
    } else {
      console.log(`${n(size)} determinations: cached store ${file}`);
    }
    for (let round = 0; round < runs; round++) {
      // Interleaved, so a busy moment of a shared machine hits both alike.
      for (const workers of [0, 2]) {
        const load = loadavg()[0]!;
        const p = { ...(await probe(file, workers, profileDir)), load };
        const key = `${size}/${workers}`;
        const best = results.get(key);
        if (!best || p.elapsedMs < best.elapsedMs) results.set(key, p);
      }
    }
  }

  console.log(`\nbest of ${runs} runs each; "state unchanged": not re-evaluated, the amendment leaves their policy state as it is`);
  console.log('determinations  workers  flipped   state unchanged  elapsed s  determinations/s  CPU s  peak RSS MiB  load');
  for (const [key, p] of results) {
    const [size, workers] = key.split('/').map(Number) as [number, number];
    console.log(
      `${n(size).padStart(14)}  ${String(workers).padStart(7)}  ${n(p.flipped).padStart(7)}  ${(p.unchanged === undefined ? '-' : n(p.unchanged)).padStart(15)}  ${n(p.elapsedMs / 1000, 2).padStart(9)}  ${n(rate(p)).padStart(16)}  ${n(p.cpuSeconds, 1).padStart(5)}  ${n(p.maxRssMiB).padStart(12)}  ${n(p.load ?? 0, 1).padStart(4)}`,
    );
  }
  const transitions = [...results.values()][0]?.byTransition.map((t) => `${t.from} -> ${t.to}: ${n(t.count)}`).join(', ');
  console.log(`flips (first size): ${transitions || 'none'}`);

  for (const size of sizes) {
    const single = results.get(`${size}/0`);
    const two = results.get(`${size}/2`);
    if (single && two) console.log(`${n(size)}: 2 workers / 1 thread = ${(rate(two) / rate(single)).toFixed(2)}x`);
  }
  if (sizes.length > 1) {
    const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
    for (const workers of [0, 2]) {
      const a = results.get(`${small}/${workers}`);
      const b = results.get(`${large}/${workers}`);
      if (a && b)
        console.log(`workers ${workers}: time ${n(large)} / ${n(small)} = ${(b.elapsedMs / a.elapsedMs).toFixed(2)} (linear: ${(large / small).toFixed(0)})`);
    }
  }
  const million = results.get(`1000000/2`);
  if (million) {
    const single = results.get(`1000000/0`);
    console.log('\ntargets (issue 5, 1,000,000 determinations, 2 workers):');
    console.log(`  >= 150,000 determinations/s on 2 cores: ${n(rate(million))}/s ${rate(million) >= 150_000 ? 'met' : 'MISSED'}`);
    if (single)
      console.log(`  >= 1.6x the single thread: ${(rate(million) / rate(single)).toFixed(2)}x ${rate(million) / rate(single) >= 1.6 ? 'met' : 'MISSED'}`);
    console.log(`  under 10 s: ${n(million.elapsedMs / 1000, 2)} s ${million.elapsedMs < 10_000 ? 'met' : 'MISSED'}`);
    console.log(`  peak RSS under 1 GB: ${n(million.maxRssMiB)} MiB ${million.maxRssMiB < 1024 ? 'met' : 'MISSED'}`);
  }
  if (profileDir) console.log(`\nCPU profiles: ${profileDir}`);
}
