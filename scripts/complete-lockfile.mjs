#!/usr/bin/env node
// Adds to package-lock.json the optional, platform-specific binaries (e.g. @swc/core-darwin-arm64)
// that npm leaves out when the registry it installed from serves only this machine's platform.
// Without them `npm ci` refuses the lockfile as out of sync. The entries carry their os/cpu, so
// npm skips them on other platforms without fetching anything. Run after `npm install`:
//   node scripts/complete-lockfile.mjs           (writes)
//   node scripts/complete-lockfile.mjs --check   (exits 1 if entries are missing; a test runs this)
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;

const OS = { darwin: 'darwin', win32: 'win32', linux: 'linux', android: 'android', freebsd: 'freebsd', openharmony: 'openharmony' };
const CPU = { arm64: 'arm64', x64: 'x64', ia32: 'ia32', arm: 'arm', ppc64: 'ppc64', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64' };

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS[part]);
  const cpu = parts.find((part) => CPU[part]);
  const libc = parts.some((part) => part.startsWith('musl')) ? 'musl' : parts.some((part) => part.startsWith('gnu')) ? 'glibc' : undefined;
  if (!os || !cpu) return undefined;
  return { os: [os], cpu: [cpu], ...(os === 'linux' && libc ? { libc: [libc] } : {}) };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(spec)) continue;
    packages[`node_modules/${name}`] = { version: spec, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}
if (process.argv.includes('--check')) {
  if (added > 0) {
    console.error(`complete-lockfile: package-lock.json lacks ${added} platform-specific optional entries: run node scripts/complete-lockfile.mjs`);
    process.exit(1);
  }
  console.log('complete-lockfile: package-lock.json is complete');
} else {
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))));
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`complete-lockfile: added ${added} platform-specific optional entries`);
}
