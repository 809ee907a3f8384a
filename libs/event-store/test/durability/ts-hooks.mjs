// Module hooks that let a plain `node` child process run this repository's TypeScript sources
// as they are (compiled in memory by @swc/core, the compiler the build uses), so the durability
// test exercises the real adapter code without a build step. Used with `--conditions=source`,
// which points `#domain` and `#event-store` at their sources. Compiled files are cached by
// content hash in the OS temp folder, so the 20 restarts compile once.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cacheDir = join(tmpdir(), 'policy-ledger-ts-hooks-cache');
let swc;

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && specifier.endsWith('.js') && (specifier.startsWith('.') || specifier.startsWith('/'))) {
      return nextResolve(specifier.slice(0, -3) + '.ts', context);
    }
    throw error;
  }
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const source = readFileSync(filename, 'utf8');
  const cached = join(cacheDir, createHash('sha256').update(filename).update('\0').update(source).digest('hex') + '.js');
  try {
    return { format: 'module', source: readFileSync(cached, 'utf8'), shortCircuit: true };
  } catch {
    swc ??= await import('@swc/core');
    const { code } = await swc.transform(source, {
      filename,
      jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2023' },
      module: { type: 'es6' },
    });
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached, code);
    return { format: 'module', source: code, shortCircuit: true };
  }
}
