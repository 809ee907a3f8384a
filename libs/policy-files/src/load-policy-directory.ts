import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyDocument } from '#domain';
import { checkReferences } from './check-references.js';
import { PolicyFileError, type PolicyFileProblem } from './policy-file-error.js';
import { readPolicyFile, type PolicyFile } from './read-policy-file.js';

export interface PolicyDirectory {
  policyId: string;
  /** In file name order: the order they are recorded in when imported. */
  documents: PolicyDocument[];
}

const POLICY_FILE = /\.ya?ml$/;

/**
 * Loads every `*.yaml` of one policy directory, in file name order, or nothing: any problem in
 * any file rejects the whole directory.
 * @throws PolicyFileError listing every problem as `file:line:col: reason`
 */
export function loadPolicyDirectory(dir: string): PolicyDirectory {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && POLICY_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) throw new PolicyFileError([{ file: dir, line: 1, col: 1, reason: 'no policy files (*.yaml) in this directory' }]);

  const files: PolicyFile[] = [];
  const problems: PolicyFileProblem[] = [];
  for (const name of names) {
    const reading = readPolicyFile(join(dir, name));
    if (reading.file) files.push(reading.file);
    problems.push(...reading.problems);
  }
  // Cross-file checks on a partial set would report the gaps as errors of their own.
  if (problems.length === 0) problems.push(...checkReferences(files));
  if (problems.length > 0) throw new PolicyFileError(problems);
  return { policyId: files[0].document.policyId, documents: files.map((file) => file.document) };
}

/**
 * Loads one policy file with the checks that need only the file itself (what it says about
 * other files is checked by loadPolicyDirectory).
 * @throws PolicyFileError listing every problem as `file:line:col: reason`
 */
export function loadPolicyFile(path: string): PolicyDocument {
  const reading = readPolicyFile(path);
  if (!reading.file) throw new PolicyFileError(reading.problems);
  return reading.file.document;
}
