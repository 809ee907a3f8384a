#!/usr/bin/env node
// Runs policyctl from dist/, first compiling what it needs with SWC when dist/ is missing or
// older than the sources, so that `npx policyctl` and `npm run policyctl` work on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const entry = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
const sources = [
  'apps/cli/src',
  'libs/domain/src',
  'libs/policy-files/src',
  'libs/event-store/src',
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
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return sources.some((dir) => newestSourceMs(join(root, dir)) > built);
}

if (stale()) {
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

await import(pathToFileURL(entry).href);
