import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompiledPolicyCache, DeterminationInput, DeterminationResult, EvaluateOptions, LedgerFigures, PolicyVersion } from '#domain';

/** The code of another commit (the tag before a change), built in a worktree of its own, for a before/after in one sitting. */
export interface BaselineEngine {
  label: string;
  evaluateDetermination(input: DeterminationInput, version: PolicyVersion, options?: EvaluateOptions): DeterminationResult;
  CompiledPolicyCache: new () => CompiledPolicyCache;
  /** Its engine bench: the policy it measured and its own run (which prints what it printed then). */
  bench: { benchPolicyVersion(): PolicyVersion; run(): Promise<void> };
  dispose(): void;
}

export type BenchCase = { input: DeterminationInput; ledger: LedgerFigures };

/**
 * Checks out `tag` (default wave2-base, the code before the second wave) into a temporary git
 * worktree, builds it with the repository's swc and node_modules, and imports its domain and
 * engine bench. Returns why not, as text, when the tag or git is missing (a clean export).
 */
export function loadBaseline(tag = 'wave2-base'): Promise<BaselineEngine | string> {
  let root: string;
  try {
    root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`], { cwd: root, stdio: 'ignore' });
  } catch {
    return Promise.resolve(`no git checkout with the tag ${tag} here`);
  }
  const dir = mkdtempSync(join(tmpdir(), `policy-ledger-${tag}-`));
  execFileSync('git', ['worktree', 'add', '--detach', dir, tag], { cwd: root, stdio: 'ignore' });
  const dispose = (): void => {
    execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: root, stdio: 'ignore' });
  };
  try {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    execFileSync(join(root, 'node_modules', '.bin', 'swc'), ['libs', 'test', '-d', 'dist', '-q'], { cwd: dir, stdio: 'inherit' });
    const domainFile = join(dir, 'dist', 'libs', 'domain', 'src', 'index.js');
    const benchFile = join(dir, 'dist', 'test', 'bench', 'engine.bench.js');
    if (!existsSync(domainFile) || !existsSync(benchFile)) throw new Error(`${tag} did not build the domain and its engine bench`);
    return Promise.all([import(pathToFileURL(domainFile).href), import(pathToFileURL(benchFile).href)]).then(
      ([domain, bench]) => ({
        label: tag,
        evaluateDetermination: domain.evaluateDetermination,
        CompiledPolicyCache: domain.CompiledPolicyCache,
        bench,
        dispose,
      }),
      (error: unknown) => {
        dispose();
        throw error;
      },
    );
  } catch (error) {
    dispose();
    throw error;
  }
}
