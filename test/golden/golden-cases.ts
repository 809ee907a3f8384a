import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  evaluateDetermination,
  parseInstant,
  type DeterminationInput,
  type DeterminationResult,
  type EnforcementStatus,
  type Instant,
  type LedgerFigures,
  type Outcome,
  type PolicyTimeline,
  type ReviewPolicy,
} from '#domain';
import { lastRecordedAt, loadPolicyDirectory, offlineTimeline } from '#policy-files';

/**
 * What a case asserts; a field left out is not checked, a field given must match exactly (in the
 * result's order). The format is documented at the top of test/golden/determinations.yaml.
 */
export interface GoldenExpectation {
  outcome: Outcome;
  reviewPolicy?: ReviewPolicy | null;
  exceptions?: string[];
  enforcement?: { regime: string; status: EnforcementStatus }[];
  /** The determination's conditions, by exception and condition code. */
  conditions?: { exception: string; code: string }[];
  /** The facts assumed, by input path, with the value read. */
  assumptions?: { fact: string; assumed: unknown }[];
  /** The caveats' subjects, e.g. "rule cls.3a090.b" or "country groups of CN". */
  caveats?: string[];
  /** The requirement rules that applied, over all items, each once. */
  requirements?: string[];
}

/** One row of test/golden/determinations.yaml, dates as canonical instants. */
export interface GoldenCase {
  name: string;
  input: DeterminationInput;
  validAt: Instant;
  knownAt?: Instant;
  publishedBy?: Instant;
  ledger?: LedgerFigures;
  expect: GoldenExpectation;
  reason: string;
}

/** The golden table's policy: policies/ai-export-controls as an offline timeline, and a knownAt that knows every file. */
export interface GoldenPolicy {
  timeline: PolicyTimeline;
  knownAt: Instant;
}

/** Reads the golden determinations (the benchmark reuses them as a realistic workload). */
export function loadGoldenCases(file = repositoryPath('test/golden/determinations.yaml')): GoldenCase[] {
  const table = parse(readFileSync(file, 'utf8'), { merge: true }) as { cases?: unknown };
  if (!Array.isArray(table.cases)) throw new Error(`${file}: no cases list`);
  const names = new Set<string>();
  return table.cases.map((raw: Record<string, unknown>, index) => {
    const name = raw.name;
    if (typeof name !== 'string' || names.has(name)) throw new Error(`${file}: case ${index} needs a unique name`);
    names.add(name);
    for (const field of ['input', 'validAt', 'expect', 'reason']) {
      if (raw[field] === undefined) throw new Error(`${file}: case '${name}' has no ${field}`);
    }
    const instant = (field: string): Instant | undefined => (raw[field] === undefined ? undefined : parseInstant(String(raw[field]), `${name}.${field}`));
    return {
      ...(raw as unknown as GoldenCase),
      validAt: instant('validAt') as Instant,
      knownAt: instant('knownAt'),
      publishedBy: instant('publishedBy'),
    };
  });
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

/** The parts of a result a case's expectation names, in the expectation's shape. */
export function expectedPart(result: DeterminationResult, expected: GoldenExpectation): GoldenExpectation {
  return {
    outcome: result.outcome,
    ...('reviewPolicy' in expected ? { reviewPolicy: result.reviewPolicy } : {}),
    ...('exceptions' in expected ? { exceptions: result.exceptions } : {}),
    ...('enforcement' in expected ? { enforcement: result.enforcement.map(({ regime, status }) => ({ regime, status })) } : {}),
    ...('conditions' in expected ? { conditions: result.conditions.map(({ exception, code }) => ({ exception, code })) } : {}),
    ...('assumptions' in expected ? { assumptions: result.assumptions.map(({ fact, assumed }) => ({ fact, assumed })) } : {}),
    ...('caveats' in expected ? { caveats: result.caveats.map(({ subject }) => subject) } : {}),
    ...('requirements' in expected ? { requirements: [...new Set(result.items.flatMap((item) => item.requirements))] } : {}),
  };
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
