import type { TraceEntry } from '#domain';
import type { Mismatch } from './expectation-match.js';
import type { CaseResult, CaseVerdict, PolicyTestReport } from './run-policy-tests.js';

export type ReporterName = 'text' | 'json' | 'junit';
export const REPORTERS: readonly ReporterName[] = ['text', 'json', 'junit'];

/** What the run was against, for the reports' headings. */
export interface RunContext {
  policy: string;
  amendment?: { id: string; title: string };
}

export function report(name: ReporterName, run: PolicyTestReport, context: RunContext): string {
  if (name === 'json') return jsonReport(run, context);
  if (name === 'junit') return junitReport(run, context);
  return textReport(run, context);
}

/** For people: each failure with expected against actual and the trace lines that decided it, then the totals. */
export function textReport(run: PolicyTestReport, context: RunContext): string {
  const lines: string[] = [];
  for (const result of run.results.filter((candidate) => !candidate.passed)) {
    lines.push(`FAIL ${result.case.name} (${result.case.file}:${result.case.line})`, ...verdictLines(result, '  '), '');
  }
  if (run.changedByAmendment) {
    const changed = run.changedByAmendment;
    lines.push(
      `${context.amendment ? `amendment ${context.amendment.id} (${context.amendment.title})` : 'the amendment'} changes ${count(changed.length, 'case')}:`,
    );
    for (const result of changed) lines.push(`  ${result.passed ? 'now passes' : 'now fails '} ${result.case.name} (${result.case.file}:${result.case.line})`);
    lines.push('');
  }
  const amended = context.amendment ? ` with amendment ${context.amendment.id}` : '';
  lines.push(`${count(run.total, 'case')} against ${context.policy}${amended}: ${run.passed} passed, ${run.failed} failed`);
  return lines.join('\n');
}

function verdictLines(verdict: CaseVerdict, indent: string): string[] {
  if (verdict.error) return [`${indent}refused: ${verdict.error}`];
  return [
    ...verdict.mismatches.flatMap((mismatch) => mismatchLines(mismatch, indent)),
    `${indent}decided by:`,
    ...(verdict.deciding.length === 0 ? [`${indent}  (no rule consulted)`] : verdict.deciding.map((entry) => `${indent}  ${traceLine(entry)}`)),
  ];
}

function mismatchLines({ path, expected, actual, noSuchField }: Mismatch, indent: string): string[] {
  return [
    `${indent}${path || 'result'}: expected ${JSON.stringify(expected)}`,
    `${indent}${' '.repeat((path || 'result').length)}  actual   ${noSuchField ? '(the result has no such field)' : JSON.stringify(actual)}`,
  ];
}

function traceLine(entry: TraceEntry): string {
  const note = entry.note ? ` (${entry.note})` : '';
  return `${entry.matched ? 'matched    ' : 'not matched'} ${entry.kind} ${entry.ruleId} [item ${entry.item}], ${entry.citation}${note}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** For tools: every case with its verdict (and its verdict without the amendment). */
export function jsonReport(run: PolicyTestReport, context: RunContext): string {
  const caseJson = (result: CaseResult) => ({
    name: result.case.name,
    file: result.case.file,
    line: result.case.line,
    passed: result.passed,
    mismatches: result.mismatches,
    ...(result.error ? { error: result.error } : {}),
    deciding: result.passed ? [] : result.deciding,
    ...(result.without ? { passedWithoutAmendment: result.without.passed } : {}),
  });
  return JSON.stringify(
    {
      policy: context.policy,
      ...(context.amendment ? { amendment: context.amendment } : {}),
      total: run.total,
      passed: run.passed,
      failed: run.failed,
      ...(run.changedByAmendment ? { changedByAmendment: run.changedByAmendment.map((result) => result.case.name) } : {}),
      cases: run.results.map(caseJson),
    },
    null,
    2,
  );
}

/** For CI: JUnit XML, one test suite per case file, a failure per failing case with the text report's details. */
export function junitReport(run: PolicyTestReport, context: RunContext): string {
  const files = [...new Set(run.results.map((result) => result.case.file))];
  const suites = files.map((file) => {
    const results = run.results.filter((result) => result.case.file === file);
    const failures = results.filter((result) => !result.passed).length;
    const cases = results.map((result) => {
      const open = `    <testcase classname="${xml(file)}" name="${xml(result.case.name)}">`;
      if (result.passed) return `${open}</testcase>`;
      const message = result.error ? `refused: ${result.error}` : result.mismatches.map((mismatch) => mismatch.path || 'result').join(', ');
      return `${open}\n      <failure message="${xml(message)}">${xml(verdictLines(result, '').join('\n'))}</failure>\n    </testcase>`;
    });
    return [`  <testsuite name="${xml(file)}" tests="${results.length}" failures="${failures}" errors="0">`, ...cases, '  </testsuite>'].join('\n');
  });
  const name = context.amendment ? `${context.policy} with amendment ${context.amendment.id}` : context.policy;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(name)}" tests="${run.total}" failures="${run.failed}">`,
    ...suites,
    '</testsuites>',
  ].join('\n');
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}
