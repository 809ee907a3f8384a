import { DomainError, evaluateDetermination, type DeterminationResult, type Instant, type PolicyEvent, type PolicyTimeline, type TraceEntry } from '#domain';
import type { PolicyTestCase } from './case-file.js';
import { caseMismatches, type Mismatch } from './expectation-match.js';

/** The policy the cases are decided against, and the knowledge a case without knownAt has. */
export interface PolicyUnderTest {
  timeline: PolicyTimeline;
  knownAt: Instant;
}

/** How one case fared against one policy. */
export interface CaseVerdict {
  passed: boolean;
  mismatches: Mismatch[];
  /** An input the engine refused, with its reason. */
  error?: string;
  /** The trace entries that decided the result: the rules that matched (or, when none did, the requirements consulted). */
  deciding: TraceEntry[];
}

export interface CaseResult extends CaseVerdict {
  case: PolicyTestCase;
  /** With an amendment applied: how the case fared without it. */
  without?: CaseVerdict;
}

export interface PolicyTestReport {
  results: CaseResult[];
  total: number;
  passed: number;
  failed: number;
  /** With an amendment applied: the cases whose verdict the amendment changes (pass to fail, or fail to pass). */
  changedByAmendment?: CaseResult[];
}

/** Trace lines shown with a failure, at most. */
const MAX_DECIDING = 12;
/** Cases decided between two pauses (see `pause`). */
const SLICE = 25;

/**
 * Decides every case against the policy, and with `staged` (an amendment's changes, as if recorded
 * at each case's knowledge instant) also with them, reporting which cases the amendment turns.
 * `pause` is awaited between slices of cases, so a caller serving others (the API) lets them in.
 */
export async function runPolicyTests(
  cases: readonly PolicyTestCase[],
  policy: PolicyUnderTest,
  options: { staged?: readonly PolicyEvent[]; pause?: () => Promise<void> } = {},
): Promise<PolicyTestReport> {
  const { staged, pause } = options;
  const withStaged = new Map<Instant, PolicyTimeline>();
  const amended = (knownAt: Instant): PolicyTimeline => {
    let timeline = withStaged.get(knownAt);
    if (!timeline) {
      timeline = policy.timeline.withStaged(staged ?? [], knownAt);
      withStaged.set(knownAt, timeline);
    }
    return timeline;
  };
  const results: CaseResult[] = [];
  for (const [index, testCase] of cases.entries()) {
    if (pause && index > 0 && index % SLICE === 0) await pause();
    const knownAt = testCase.knownAt ?? policy.knownAt;
    if (!staged) {
      results.push({ case: testCase, ...verdict(testCase, policy.timeline, knownAt) });
      continue;
    }
    results.push({ case: testCase, ...verdict(testCase, amended(knownAt), knownAt), without: verdict(testCase, policy.timeline, knownAt) });
  }
  const passed = results.filter((result) => result.passed).length;
  return {
    results,
    total: results.length,
    passed,
    failed: results.length - passed,
    ...(staged ? { changedByAmendment: results.filter((result) => result.without && result.without.passed !== result.passed) } : {}),
  };
}

function verdict(testCase: PolicyTestCase, timeline: PolicyTimeline, knownAt: Instant): CaseVerdict {
  let result: DeterminationResult;
  try {
    const version = timeline.stateAt({ validAt: testCase.validAt, knownAt, publishedBy: testCase.publishedBy ?? null });
    result = evaluateDetermination(testCase.input, version, { ledger: testCase.ledger ?? {} });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { passed: false, mismatches: [], error: error.message, deciding: [] };
  }
  const found = caseMismatches(testCase.expect, result);
  return { passed: found.length === 0, mismatches: found, deciding: deciding(result.trace) };
}

function deciding(trace: readonly TraceEntry[]): TraceEntry[] {
  const matched = trace.filter((entry) => entry.matched);
  const shown = matched.length > 0 ? matched : trace.filter((entry) => entry.kind === 'requirement');
  return shown.slice(0, MAX_DECIDING);
}
