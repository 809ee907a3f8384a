import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PolicyDocument } from '#domain';
import { checkReferences } from './check-references.js';
import { PolicyFileError, type PolicyFileProblem } from './policy-file-error.js';
import { readPolicyFile, readPolicyText, type PolicyFile, type PolicyFileReading } from './read-policy-file.js';

export interface PolicyDirectory {
  policyId: string;
  /** In file name order: the order they are recorded in when imported. */
  documents: PolicyDocument[];
  /** Each document's file, in the same order. */
  files: PolicyFileText[];
}

/** A policy file as written, comments and layout included. */
export interface PolicyFileText {
  /** The document (legal action or amendment) it holds. */
  documentId: string;
  /** The file name, e.g. 2025-01-13-ai-diffusion-ifr.yaml. */
  name: string;
  text: string;
}

const POLICY_FILE = /\.ya?ml$/;

/**
 * Files are recorded in the order of their ids (names without .yaml), so that `x-more` follows
 * `x` as it reads; sorting the names would put `x-more.yaml` first ('-' sorts before '.').
 */
function byId(a: string, b: string): number {
  const [idA, idB] = [a.replace(POLICY_FILE, ''), b.replace(POLICY_FILE, '')];
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

/**
 * Loads every `*.yaml` of one policy directory, in file name order, or nothing: any problem in
 * any file rejects the whole directory.
 * @throws PolicyFileError listing every problem as `file:line:col: reason`
 */
export function loadPolicyDirectory(dir: string): PolicyDirectory {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && POLICY_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort(byId);
  if (names.length === 0) throw new PolicyFileError([{ file: dir, line: 1, col: 1, reason: 'no policy files (*.yaml) in this directory' }]);
  return checkedDirectory(names.map((name) => readPolicyFile(join(dir, name))));
}

/**
 * loadPolicyDirectory on files in hand, not on disk (what an export is about to write), with the
 * same checks; `dir` names them in problems.
 * @throws PolicyFileError listing every problem as `file:line:col: reason`
 */
export function loadPolicyTexts(dir: string, texts: readonly { name: string; text: string }[]): PolicyDirectory {
  const sorted = [...texts].sort((a, b) => byId(a.name, b.name));
  if (sorted.length === 0) throw new PolicyFileError([{ file: dir, line: 1, col: 1, reason: 'no policy files (*.yaml) in this directory' }]);
  return checkedDirectory(sorted.map(({ name, text }) => readPolicyText(join(dir, name), text)));
}

function checkedDirectory(readings: readonly PolicyFileReading[]): PolicyDirectory {
  const files: PolicyFile[] = [];
  const problems: PolicyFileProblem[] = [];
  for (const reading of readings) {
    if (reading.file) files.push(reading.file);
    problems.push(...reading.problems);
  }
  // Cross-file checks on a partial set would report the gaps as errors of their own.
  if (problems.length === 0) problems.push(...checkReferences(files));
  if (problems.length > 0) throw new PolicyFileError(problems);
  return {
    policyId: files[0].document.policyId,
    documents: files.map((file) => file.document),
    files: files.map((file) => ({ documentId: file.document.id, name: basename(file.path), text: file.text })),
  };
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
