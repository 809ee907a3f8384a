// A fresh local installation as a newcomer meets it: `main.ts` started with no AUTH_JWT_SECRET and
// no AUTH_JWKS_URL prints a token per role as plain lines; one copied from the terminal works as it
// is; `policyctl token` mints more; `policyctl token revoke-all` makes every one of them refused.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a viewer's question answers when its token is accepted. */
const ACCEPTED = { data: { policy: { policyId: 'ai-export-controls' } } };
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_MS = 100_000;

/** A port free on 127.0.0.1 a moment ago (PORT must be 1 or more, so 0 cannot be passed). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts apps/api/src/main.ts as `npm start` would (from the sources), and waits for its printed tokens. */
async function startMain(dataDir: string): Promise<{ child: ChildProcess; url: string; printed: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', join(ROOT, 'test/support/ts-hooks/register-ts.mjs'), join(ROOT, 'apps/api/src/main.ts')],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', POLICIES_DIR: join(ROOT, 'policies') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + START_MS;
  while (!/revoke them all/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`main.ts printed no tokens:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = /Policy Ledger API at (http:\/\/\S+\/graphql)/.exec(output)![1]!;
  return { child, url, printed: output };
}

function policyctl(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'apps/cli/bin/policyctl.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function askPolicy(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ policy { policyId } }' }),
  });
  return response.json();
}

describe('local tokens (no AUTH_JWT_SECRET, no AUTH_JWKS_URL)', () => {
  let dataDir: string;
  let api: Awaited<ReturnType<typeof startMain>>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'policy-ledger-local-tokens-'));
    api = await startMain(dataDir);
  });

  afterAll(() => {
    api?.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and prints one token per role as plain lines, apart from the JSON log', () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const tokenLines = api.printed.split('\n').filter((line) => /^ {2}(viewer|determiner|editor|approver|admin)\s+\S+$/.test(line));
    expect(tokenLines.map((line) => line.trim().split(/\s+/)[0]).sort()).toEqual(['admin', 'approver', 'determiner', 'editor', 'viewer']);
    expect(api.printed).toMatch(/valid 12 hours/);
  });

  it('accepts a printed token copied as it is, and one minted by policyctl token', async () => {
    const printed = /^ {2}viewer\s+(\S+)$/m.exec(api.printed)![1]!;
    const minted = policyctl(['token', '--role', 'approver', '--sub', 'newcomer', '--data-dir', dataDir]);

    expect(minted).toMatchObject({ status: 0, stderr: '' });
    expect(await askPolicy(api.url, printed)).toEqual(ACCEPTED);
    expect(await askPolicy(api.url, minted.stdout.trim())).toEqual(ACCEPTED);
  });

  it('refuses every earlier token once policyctl token revoke-all rotated the secret; new ones work', async () => {
    const printed = /^ {2}admin\s+(\S+)$/m.exec(api.printed)![1]!;
    const minted = policyctl(['token', '--role', 'viewer', '--data-dir', dataDir]).stdout.trim();

    const revoked = policyctl(['token', 'revoke-all', '--data-dir', dataDir]);
    expect(revoked).toMatchObject({ status: 0, stdout: expect.stringMatching(/^revoked every token/) });

    // The running API reads the new secret within a second; wait up to ten.
    let answer: unknown;
    for (let i = 0; i < 50; i++) {
      answer = await askPolicy(api.url, printed);
      if (JSON.stringify(answer).includes('UNAUTHENTICATED')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(answer).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await askPolicy(api.url, minted)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const fresh = policyctl(['token', '--role', 'viewer', '--sub', 'after-rotation', '--data-dir', dataDir]).stdout.trim();
    expect(await askPolicy(api.url, fresh)).toEqual(ACCEPTED);
  });
});
