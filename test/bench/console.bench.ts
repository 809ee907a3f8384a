// The lawyer's console (issue 15): what the first page costs a browser. The API is started from
// dist/ (as npm start runs it) on a fresh data directory; Debian's Chromium opens /console/rulings
// signed in, each time with a fresh profile (nothing cached): bytes of JavaScript and CSS it
// loads, gzipped as a server would send them, and the time until the rulings are on screen.
// Median of 5 loads. Budget: under 200 KB of JavaScript gzipped for the first page.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { median } from './support/stats.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const LOADS = 5;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUDGET_GZIP_BYTES = 200 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function run(): Promise<void> {
  console.log(
    `start load ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-ledger-console-bench-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const origin = `http://127.0.0.1:${port}`;
  const api = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let waited = 0; ; waited += 250) {
      if (
        await fetch(`${origin}/health/ready`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (waited > 120_000) throw new Error('the API did not become ready within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const minted = (await (
      await fetch(`${origin}/console/api/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"viewer"}' })
    ).json()) as { token: string; subject: string; roles: string[]; expiresAt: string };
    const session = JSON.stringify({ ...minted, via: 'development' });

    const times: number[] = [];
    const bytes: Array<{ js: number; jsGzip: number; css: number; cssGzip: number; files: number }> = [];
    for (let load = 0; load < LOADS; load++) {
      const profile = mkdtempSync(join(tmpdir(), 'policy-ledger-console-bench-chromium-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        viewport: { width: 1280, height: 900 },
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      const page = await context.newPage();
      // Signed in as the console keeps it: the session in this origin's localStorage.
      await page.addInitScript({ content: `localStorage.setItem('policy-ledger.session', ${JSON.stringify(session)})` });
      const sizes = { js: 0, jsGzip: 0, css: 0, cssGzip: 0, files: 0 };
      page.on('response', (response) => {
        const type = response.headers()['content-type'] ?? '';
        const kind = type.includes('javascript') ? 'js' : type.includes('text/css') ? 'css' : undefined;
        if (kind === undefined) return;
        void response.body().then((body) => {
          sizes[kind] += body.length;
          sizes[kind === 'js' ? 'jsGzip' : 'cssGzip'] += gzipSync(body, { level: 9 }).length;
          sizes.files++;
        });
      });
      const started = performance.now();
      await page.goto(`${origin}/console/rulings`);
      await page.getByRole('heading', { name: /rulings? match/ }).waitFor({ timeout: 60_000 });
      times.push(performance.now() - started);
      await page.waitForLoadState('networkidle');
      bytes.push(sizes);
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
    const first = bytes[0]!;
    console.log(
      `first page (/console/rulings, signed in): ${first.files} files; JavaScript ${kb(first.js)} (${kb(first.jsGzip)} gzipped), CSS ${kb(first.css)} (${kb(first.cssGzip)} gzipped)`,
    );
    console.log(`budget: JavaScript gzipped ${kb(first.jsGzip)} of ${kb(BUDGET_GZIP_BYTES)} (${((first.jsGzip / BUDGET_GZIP_BYTES) * 100).toFixed(0)} %)`);
    console.log(
      `load until the rulings are on screen, fresh profile each time: median ${median(times).toFixed(0)} ms of ${LOADS} (${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
    );
  } finally {
    await new Promise<void>((resolve) => {
      api.once('exit', () => resolve());
      api.kill('SIGTERM');
    });
    rmSync(dataDir, { recursive: true, force: true });
    console.log(
      `end load ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
    );
  }
}
