import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicyDirectory, PolicyFileError, type PolicyFileProblem } from '#policy-files';
import { CliError, usageError } from './cli-error.js';
import type { Output } from './output.js';

/** `policyctl validate <dir>`: every policy directory at or directly under <dir>, checked whole. */
export function validate(args: string[], out: Output): void {
  if (args.length !== 1) throw usageError('validate takes one directory');
  const [dir] = args;
  const problems: PolicyFileProblem[] = [];
  for (const policyDir of policyDirectories(dir)) {
    try {
      const { policyId, documents } = loadPolicyDirectory(policyDir);
      const changes = documents.reduce((sum, document) => sum + document.changes.length, 0);
      out.stdout(`ok ${policyDir}: policy ${policyId}, ${documents.length} files, ${changes} changes`);
    } catch (error) {
      if (!(error instanceof PolicyFileError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new PolicyFileError(problems);
}

export function policyDirectories(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new CliError(`cannot read directory ${dir}`);
  }
  if (entries.some((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))) return [dir];
  const nested = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(dir, entry.name))
    .filter((path) => readdirSync(path).some((name) => /\.ya?ml$/.test(name)))
    .sort();
  if (nested.length === 0) throw new CliError(`no policy files (*.yaml) in ${dir} or its subdirectories`);
  return nested;
}
