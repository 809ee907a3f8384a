// Module hooks that let a plain `node` child process run this repository's TypeScript sources,
// compiled in memory by @swc/core with the options of the build (legacy decorators and decorator
// metadata, which Nest's dependency injection reads). Used with `--conditions=source`, which
// points `#domain` and `#event-store` at their sources.
//
// Why a child process: under Jest (Node 20), Mercurius cannot be loaded: it requires
// @fastify/static, which requires the ES-module-only content-disposition 3, and Jest supports
// require() of ES modules only from Node 24.9. Plain Node 20.19 does, so the server runs here.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The build's compiler options, from .swcrc (its module settings are for dist/, not for in-memory loading).
const { jsc } = JSON.parse(readFileSync(new URL('../../../.swcrc', import.meta.url), 'utf8'));
const options = { swcrc: false, jsc, module: { type: 'es6' } };
const cacheDir = join(tmpdir(), 'policy-ledger-nest-ts-cache');
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
  const cached = join(cacheDir, createHash('sha256').update(JSON.stringify(options)).update(filename).update('\0').update(source).digest('hex') + '.js');
  try {
    return { format: 'module', source: readFileSync(cached, 'utf8'), shortCircuit: true };
  } catch {
    swc ??= await import('@swc/core');
    const { code } = await swc.transform(source, { ...options, filename });
    mkdirSync(cacheDir, { recursive: true });
    // Written aside under a name of its own, then renamed: processes and worker threads started
    // together must never read a half-written file.
    const partial = `${cached}.${randomUUID()}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
    return { format: 'module', source: code, shortCircuit: true };
  }
}
