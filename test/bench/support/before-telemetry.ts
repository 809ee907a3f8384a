import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The API of one commit, built in a git worktree of its own. */
export interface BuiltApi {
  commit: string;
  /** Its checkout, with dist/ built: the root to start `dist/apps/api/src/main.js` in. */
  root: string;
  dispose(): void;
}

/** The commit that added the telemetry module (metrics, and tracing when OTLP is set), or why none. */
export function telemetryCommit(root: string): string | undefined {
  try {
    const log = execFileSync('git', ['log', '--diff-filter=A', '--format=%h', '--', 'apps/api/src/telemetry/telemetry.module.ts'], {
      cwd: root,
      encoding: 'utf8',
    });
    return log.trim().split('\n').at(-1) || undefined;
  } catch {
    return undefined;
  }
}

/** Checks `ref` out into a temporary worktree and builds its API with this repository's swc and node_modules. */
export function buildApiAt(root: string, ref: string): BuiltApi {
  const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: root, encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(tmpdir(), `policy-ledger-api-${commit}-`));
  execFileSync('git', ['worktree', 'add', '--detach', dir, commit], { cwd: root, stdio: 'ignore' });
  const dispose = (): void => {
    execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: root, stdio: 'ignore' });
  };
  try {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    execFileSync(join(root, 'node_modules', '.bin', 'swc'), ['apps/api', 'libs', '-d', 'dist', '-q'], { cwd: dir, stdio: 'inherit' });
    return { commit, root: dir, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
