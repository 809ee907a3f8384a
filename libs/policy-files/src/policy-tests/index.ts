export { MAX_CASES, readCaseFile, type PolicyTestCase } from './case-file.js';
export { caseMismatches, mismatches, type Mismatch } from './expectation-match.js';
export { REPORTERS, jsonReport, junitReport, report, textReport, type ReporterName, type RunContext } from './reporters.js';
export { runPolicyTests, type CaseResult, type CaseVerdict, type PolicyTestReport, type PolicyUnderTest } from './run-policy-tests.js';
