import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentToEvents } from '#domain';
import { lastRecordedAt, loadPolicyDirectory, loadPolicyFile, offlineTimeline } from '#policy-files';
import { readCaseFile } from './case-file.js';
import { jsonReport, junitReport, textReport } from './reporters.js';
import { runPolicyTests, type PolicyUnderTest } from './run-policy-tests.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const timeline = offlineTimeline(loadPolicyDirectory(join(root, 'policies', 'ai-export-controls')));
const policy: PolicyUnderTest = { timeline, knownAt: lastRecordedAt(timeline) };
/** TEST FIXTURE, not law: India to Tier 3 from 2025-07-01. */
const indiaToTier3 = documentToEvents(loadPolicyFile(join(root, 'apps', 'cli', 'src', 'test-fixtures', '2026-11-01-india-to-tier-3.yaml')));

const CASES = `
items:
  h100: &h100 { kind: INTEGRATED_CIRCUIT, tpp: 15831, performanceDensity: 19.4, quantity: 400 }
cases:
  - name: India in June 2025
    validAt: 2025-06-01
    input: { destination: IN, consignee: { id: in-1, country: IN, headquarters: IN }, items: [*h100] }
    expect: { outcome: LICENSE_EXCEPTION, exceptions: [LPP] }
    reason: Tier 2, within the LPP cap, before the fixture's date.
  - name: India in August 2025
    validAt: 2025-08-01
    input: { destination: IN, consignee: { id: in-1, country: IN, headquarters: IN }, items: [*h100] }
    expect: { outcome: LICENSE_EXCEPTION, exceptions: [LPP] }
    reason: Tier 2, within the LPP cap.
  - name: Germany in August 2025, wrongly expected to need a license
    validAt: 2025-08-01
    input: { destination: DE, consignee: { id: de-1, country: DE, headquarters: DE }, items: [*h100] }
    expect: { outcome: LICENSE_REQUIRED }
    reason: Deliberately wrong.
  - name: an input the engine refuses
    validAt: 2025-08-01
    input: { destination: DE, consignee: { id: de-1, country: DE, headquarters: DE }, items: [] }
    expect: { outcome: NO_LICENSE_REQUIRED }
    reason: Deliberately malformed.
`;
const { cases } = readCaseFile('cases.yaml', CASES);

describe('runPolicyTests', () => {
  it('passes what the law says and fails what it does not, with the trace lines that decided it', async () => {
    const run = await runPolicyTests(cases, policy);
    expect(run).toMatchObject({ total: 4, passed: 2, failed: 2 });
    expect(run.changedByAmendment).toBeUndefined();
    const germany = run.results[2];
    expect(germany).toMatchObject({ passed: false, mismatches: [{ path: 'outcome', expected: 'LICENSE_REQUIRED', actual: 'LICENSE_EXCEPTION' }] });
    expect(germany.deciding.map((entry) => entry.kind)).toContain('classification');
    expect(run.results[3]).toMatchObject({ passed: false, error: expect.stringContaining('items must hold 1 to 1000 items') });
  });

  it('with an amendment applied, names the cases it turns and keeps how each fared without it', async () => {
    let pauses = 0;
    const run = await runPolicyTests(cases, policy, { staged: indiaToTier3, pause: async () => void pauses++ });
    expect(run.changedByAmendment?.map((result) => result.case.name)).toEqual(['India in August 2025']);
    expect(run.results[1]).toMatchObject({
      passed: false,
      without: { passed: true },
      mismatches: [
        { path: 'outcome', actual: 'LICENSE_REQUIRED' },
        { path: 'exceptions', actual: [] },
      ],
    });
    expect(run.results[0]).toMatchObject({ passed: true, without: { passed: true } });
    expect(pauses).toBe(0);
  });
});

describe('reporters', () => {
  it('text: each failure with expected and actual and what decided it, then the totals', async () => {
    const text = textReport(await runPolicyTests(cases, policy, { staged: indiaToTier3 }), {
      policy: 'the files',
      amendment: { id: 'fixture', title: 'India to Tier 3' },
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('FAIL India in August 2025 (cases.yaml:10)');
    expect(lines.slice(1, 5)).toEqual([
      '  outcome: expected "LICENSE_EXCEPTION"',
      '           actual   "LICENSE_REQUIRED"',
      '  exceptions: expected ["LPP"]',
      '              actual   []',
    ]);
    expect(lines).toContain('amendment fixture (India to Tier 3) changes 1 case:');
    expect(lines).toContain('  now fails  India in August 2025 (cases.yaml:10)');
    expect(lines.at(-1)).toBe('4 cases against the files with amendment fixture: 1 passed, 3 failed');
  });

  it('junit: one suite per file, a failure element per failing case, escaped', async () => {
    const xml = junitReport(await runPolicyTests(cases, policy), { policy: 'the <files>' });
    expect(xml).toContain('<testsuites name="the &lt;files&gt;" tests="4" failures="2">');
    expect(xml).toContain('<testsuite name="cases.yaml" tests="4" failures="2" errors="0">');
    expect(xml).toContain('<testcase classname="cases.yaml" name="India in June 2025"></testcase>');
    expect(xml).toMatch(
      /<testcase classname="cases.yaml" name="Germany in August 2025, wrongly expected to need a license">\n {6}<failure message="outcome">outcome: expected &quot;LICENSE_REQUIRED&quot;/,
    );
  });

  it('json: every case, its verdict, and the cases the amendment turns', async () => {
    const json = JSON.parse(jsonReport(await runPolicyTests(cases, policy, { staged: indiaToTier3 }), { policy: 'the files' }));
    expect(json).toMatchObject({ total: 4, passed: 1, failed: 3, changedByAmendment: ['India in August 2025'] });
    expect(json.cases[0]).toEqual({
      name: 'India in June 2025',
      file: 'cases.yaml',
      line: 5,
      passed: true,
      mismatches: [],
      deciding: [],
      passedWithoutAmendment: true,
    });
  });
});
