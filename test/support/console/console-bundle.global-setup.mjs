// Jest global setup: the tests that open /console need the built console (dist/console). It is
// built once here, before any test starts, and only when its sources changed since the last
// build (a hash of them is kept beside the bundle), so an unchanged console costs nothing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCES = ['apps/console', 'libs/memo/src', 'package-lock.json'];
const BUNDLE = join(root, 'dist/console');
const STAMP = join(BUNDLE, '.sources-sha256');

function files(path) {
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) => files(join(path, name)));
}

export function consoleSourcesHash() {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(files).sort()) hash.update(`${relative(root, join(root, file))}\0`).update(readFileSync(join(root, file)));
  return hash.digest('hex');
}

export default function buildConsoleWhenStale() {
  const hash = consoleSourcesHash();
  if (existsSync(join(BUNDLE, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return;
  const started = Date.now();
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/console/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error(`Building the console for the tests failed (vite exited ${build.status})`);
  writeFileSync(STAMP, hash);
  console.log(`\nBuilt the console for the tests in ${((Date.now() - started) / 1000).toFixed(1)} s (dist/console)`);
}
