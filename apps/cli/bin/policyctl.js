#!/usr/bin/env node
// Runs policyctl from dist/, first compiling what it needs with SWC when dist/ is missing or
// older than the sources, so that `npx policyctl` and `npm run policyctl` work on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const entry = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
const sources = [
  'apps/cli/src',
  'libs/domain/src',
  'libs/policy-files/src',
  'libs/event-store/src',
  'libs/projections/src',
  'libs/api-kit/src',
  'libs/policy/src',
  'libs/determinations/src',
  'libs/audit/src',
  'libs/audit-log/src',
];

function newestSourceMs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(entry) || sources.some((dir) => !existsSync(join(root, 'dist', dir)))) return true;
  const built = statSync(entry).mtimeMs;
  return sources.some((dir) => newestSourceMs(join(root, dir)) > built);
}

function compile() {
  const swc = join(root, 'node_modules', '@swc', 'cli', 'bin', 'swc.js');
  if (!existsSync(swc)) {
    process.stderr.write('policyctl: dist/ is missing or stale and SWC is not installed: run npm ci, then npm run build\n');
    process.exit(1);
  }
  const build = spawnSync(process.execPath, [swc, ...sources, '-d', 'dist', '-q'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    process.stderr.write('policyctl: compiling the sources failed\n');
    process.exit(1);
  }
}

// Several policyctl processes may start at once on a fresh clone (scripts, the test suite's
// workers). Only the holder of this lock compiles; the others wait for it, since importing
// dist/ while it is being written can find a module half written.
const lock = join(root, 'dist', '.policyctl-build.lock');
const LOCK_ABANDONED_MS = 300_000;

function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function compileOnce() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    // A compile takes seconds; a lock far older was left by a process that died mid-compile.
    if (Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > LOCK_ABANDONED_MS) rmSync(lock, { recursive: true, force: true });
    else pause(200);
  }
  try {
    if (stale()) compile();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (stale() || existsSync(lock)) compileOnce();

await import(pathToFileURL(entry).href);
