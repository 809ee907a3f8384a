import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs every `*.bench.js` beside this file (or those named on the command line, e.g.
 * `npm run bench -- engine`). Each benchmark module exports `run(): Promise<void>` and prints
 * its own figures; this prints the machine line that docs/benchmarks.md records with them.
 */
const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.js'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.includes(w)))
  .sort();

const cpu = cpus()[0]?.model ?? 'unknown cpu';
console.log(`machine: ${cpus().length} x ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${process.platform}/${process.arch}`);
for (const file of files) {
  console.log(`\n== ${file.replace('.bench.js', '')}`);
  const bench = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<void> };
  await bench.run();
}
