import { DomainError } from '#domain';

/** One thing wrong with a policy file, at the line and column (1-based) an editor can jump to. */
export interface PolicyFileProblem {
  file: string;
  line: number;
  col: number;
  reason: string;
}

export function formatProblem(problem: PolicyFileProblem): string {
  return `${problem.file}:${problem.line}:${problem.col}: ${problem.reason}`;
}

/**
 * A policy file or directory that cannot be loaded. It lists every problem found, one
 * `file:line:col: reason` per line, so an author fixes them all in one pass.
 */
export class PolicyFileError extends DomainError {
  constructor(readonly problems: readonly PolicyFileProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('POLICY_INVALID', `policy files invalid (${count}):\n${problems.map(formatProblem).join('\n')}`, {
      problems: problems.map((problem) => ({ ...problem })),
    });
  }
}
