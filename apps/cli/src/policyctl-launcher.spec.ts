import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A scratch checkout without dist/: the launcher (a copy, so it finds its root there) and links to the rest. */
function scratchCheckout(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'policyctl-launcher-'));
  for (const linked of ['node_modules', 'package.json', 'libs', 'policies', 'apps/cli/src']) {
    mkdirSync(dirname(join(scratch, linked)), { recursive: true });
    symlinkSync(join(root, linked), join(scratch, linked));
  }
  mkdirSync(join(scratch, 'apps/cli/bin'), { recursive: true });
  copyFileSync(join(root, 'apps/cli/bin/policyctl.js'), join(scratch, 'apps/cli/bin/policyctl.js'));
  return scratch;
}

interface Exit {
  status: number | null;
  stdout: string;
}

/** Starts `policyctl --help` from the scratch checkout; `exited` settles when it ends. */
function start(scratch: string): { exited: Promise<Exit>; hasExited: () => boolean } {
  const child = spawn(process.execPath, [join(scratch, 'apps/cli/bin/policyctl.js'), '--help'], { cwd: scratch });
  let stdout = '';
  let done = false;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.on('close', (status) => {
      done = true;
      resolve({ status, stdout });
    }),
  );
  return { exited, hasExited: () => done };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the policyctl launcher', () => {
  let scratch: string;
  let lock: string;
  /** How long an unhindered start takes on this machine now: a waiting start must outlast it well. */
  let runMs: number;
  beforeAll(async () => {
    scratch = scratchCheckout();
    lock = join(scratch, 'dist/.policyctl-build.lock');
    // The first start compiles dist/; it is then up to date for the cases below.
    expect((await start(scratch).exited).status).toBe(0);
    expect(existsSync(join(scratch, 'dist/apps/cli/src/main.js'))).toBe(true);
    expect(existsSync(lock)).toBe(false);
    const started = Date.now();
    expect((await start(scratch).exited).status).toBe(0);
    runMs = Date.now() - started;
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('waits while another start holds the build lock (dist/ may be half written), then runs', async () => {
    mkdirSync(lock);
    const waiting = start(scratch);
    await pause(Math.max(3000, 3 * runMs));
    expect(waiting.hasExited()).toBe(false);
    rmSync(lock, { recursive: true });
    const { status, stdout } = await waiting.exited;
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Exit codes:/m);
  });

  it('takes over a lock left by a start that died mid-compile (older than five minutes)', async () => {
    mkdirSync(lock);
    const longAgo = new Date(Date.now() - 10 * 60_000);
    utimesSync(lock, longAgo, longAgo);
    expect((await start(scratch).exited).status).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });
});
