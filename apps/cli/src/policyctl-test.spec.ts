import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(root, 'apps', 'cli', 'bin', 'policyctl.js');
const fixtures = 'apps/cli/src/test-fixtures';
const indiaToTier3 = `${fixtures}/2026-11-01-india-to-tier-3.yaml`;
const neighbours = `${fixtures}/cases/india-and-neighbours.yaml`;

function policyctl(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('policyctl test', () => {
  it('passes the golden table against the policy files', () => {
    const run = policyctl(['test', 'test/golden']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^(\d+) cases against the policy files in policies\/ai-export-controls: \1 passed, 0 failed\n$/);
  });

  it('exits 1 on a deliberately wrong expectation and names the case, expected against actual, and what decided it', () => {
    const run = policyctl(['test', `${fixtures}/cases/wrong-expectation.yaml`]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('policyctl: 1 of 2 cases failed\n');
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      `FAIL Germany, August 2025, wrongly expected to need a license (${fixtures}/cases/wrong-expectation.yaml:3)`,
      '  outcome: expected "LICENSE_REQUIRED"',
      '           actual   "LICENSE_EXCEPTION"',
      '  decided by:',
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}matched {5}requirement /));
    expect(lines.at(-2)).toBe('2 cases against the policy files in policies/ai-export-controls: 1 passed, 1 failed');
  });

  it('with the India-to-Tier-3 fixture applied, turns exactly the India cases from 2025-07-01 and says which', () => {
    const run = policyctl(['test', neighbours, '--with-amendment', indiaToTier3, '--reporter', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ amendment: { id: '2026-11-01-india-to-tier-3' }, total: 5, passed: 3, failed: 2 });
    expect(report.changedByAmendment).toEqual(['India, August 2025', 'India, September 2026']);
    expect(
      report.cases.map((result: { name: string; passed: boolean; passedWithoutAmendment: boolean }) => [result.name, result.passedWithoutAmendment]),
    ).toEqual([
      ['India, June 2025', true],
      ['India, August 2025', true],
      ['India, September 2026', true],
      ['Germany, August 2025', true],
      ['China, August 2025', true],
    ]);

    // No golden case decides an India shipment on or after 2025-07-01 by India's tier (the cases
    // above are the ones that do): the fixture must leave the whole golden table as it is.
    const golden = policyctl(['test', 'test/golden', '--with-amendment', indiaToTier3]);
    expect(golden.stdout).toContain(`amendment 2026-11-01-india-to-tier-3 (TEST FIXTURE: India to Tier 3 (fictitious)) changes 0 cases:\n`);
    expect(golden.stdout).toMatch(
      /^(\d+) cases against the policy files in policies\/ai-export-controls with amendment 2026-11-01-india-to-tier-3: \1 passed, 0 failed$/m,
    );
    expect(golden.status).toBe(0);
  });

  it('writes JUnit XML for CI', () => {
    const run = policyctl(['test', `${fixtures}/cases/wrong-expectation.yaml`, '--reporter', 'junit']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="the policy files in policies\/ai-export-controls" tests="2" failures="1">/,
    );
    expect(run.stdout).toContain('<failure message="outcome">');
  });

  it('runs against the store, with an amendment drafted there', () => {
    const dataDir = join(root, '.tmp', `policyctl-test-${process.pid}`);
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    try {
      expect(policyctl(['import', 'policies/', '--data-dir', dataDir]).status).toBe(0);
      const passing = policyctl(['test', neighbours, '--data-dir', dataDir]);
      expect(passing.stdout).toBe('5 cases against policy ai-export-controls in the store: 5 passed, 0 failed\n');
      expect(passing.status).toBe(0);
      const drafted = policyctl(['amendment', 'draft', '--file', indiaToTier3, '--actor', 'alice', '--role', 'editor', '--data-dir', dataDir]);
      const amendmentId = /^amendment (\S+) DRAFT/.exec(drafted.stdout)![1];
      const run = policyctl(['test', neighbours, '--with-amendment', amendmentId, '--data-dir', dataDir, '--reporter', 'json']);
      expect(run.status).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({ amendment: { id: amendmentId }, changedByAmendment: ['India, August 2025', 'India, September 2026'] });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a bad command line and a case file it cannot read, saying where', () => {
    expect(policyctl(['test'])).toMatchObject({ status: 2, stderr: expect.stringContaining('test needs case files or directories') });
    expect(policyctl(['test', 'test/golden', '--reporter', 'tap'])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("--reporter must be one of text, json, junit, not 'tap'"),
    });
    const bad = policyctl(['test', indiaToTier3]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${indiaToTier3}:2:1: a case file is a mapping with a list of cases under \`cases\``);
  });
});
