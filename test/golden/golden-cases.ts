import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateDetermination, type DeterminationResult, type Instant, type PolicyTimeline } from '#domain';
import {
  formatProblem,
  lastRecordedAt,
  loadPolicyDirectory,
  mismatches,
  offlineTimeline,
  readCaseFile,
  type Mismatch,
  type PolicyTestCase,
} from '#policy-files';

/** One row of test/golden/determinations.yaml: a policy test case (docs/policy-tests.md). */
export type GoldenCase = PolicyTestCase;

/** The golden table's policy: policies/ai-export-controls as an offline timeline, and a knownAt that knows every file. */
export interface GoldenPolicy {
  timeline: PolicyTimeline;
  knownAt: Instant;
}

/** Reads the golden determinations (the benchmark reuses them as a realistic workload). */
export function loadGoldenCases(file = repositoryPath('test/golden/determinations.yaml')): GoldenCase[] {
  const { cases, problems } = readCaseFile(file, readFileSync(file, 'utf8'));
  if (problems.length > 0) throw new Error(problems.map(formatProblem).join('\n'));
  return cases;
}

export function loadGoldenPolicy(dir = repositoryPath('policies/ai-export-controls')): GoldenPolicy {
  const timeline = offlineTimeline(loadPolicyDirectory(dir));
  return { timeline, knownAt: lastRecordedAt(timeline) };
}

export function evaluateGoldenCase(golden: GoldenCase, policy: GoldenPolicy): DeterminationResult {
  const version = policy.timeline.stateAt({
    validAt: golden.validAt,
    knownAt: golden.knownAt ?? policy.knownAt,
    publishedBy: golden.publishedBy ?? null,
  });
  return evaluateDetermination(golden.input, version, { ledger: golden.ledger ?? {} });
}

/** How a result (from the engine, policyctl or GraphQL) differs from what the case expects: none when it passes. */
export function goldenMismatches(golden: GoldenCase, result: unknown): Mismatch[] {
  return mismatches(golden.expect, result);
}

/** Finds a repository file from this module, which runs from test/golden or from dist/test/golden. */
function repositoryPath(relative: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, relative))) return join(dir, relative);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${relative} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
