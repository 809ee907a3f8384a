import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventMetadata, stableId } from '#api-kit';
import { determinationIssuedData, determinationIssuedEvent, determinationStream } from '#determinations';
import { evaluateDetermination, parseInstant, PolicyTimeline, policyStreamName, type Actor, type DeterminationInput } from '#domain';
import { openSqliteEventStore } from '#event-store';
import { AmendmentStore, toRecordedPolicyEvent } from '#policy';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(root, 'apps', 'cli', 'bin', 'policyctl.js');
const fixture = 'apps/cli/src/test-fixtures/2026-11-01-india-to-tier-3.yaml';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function policyctl(args: string[]): Run {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const H100 = { kind: 'INTEGRATED_CIRCUIT' as const, tpp: 15_831, performanceDensity: 19.4, quantity: 400 };
const shipment = (destination: string, consignee: string): DeterminationInput => ({
  destination,
  consignee: { id: consignee, country: destination, headquarters: destination },
  items: [H100],
});
const ISSUER: Actor = { id: 'test-issuer', roles: ['determiner'] };

/** Records determinations the way the issue path does: evaluated against the store's policy, appended to their own streams. */
async function issue(dataDir: string, exports: Array<{ name: string; input: DeterminationInput; validAt: string }>): Promise<Record<string, string>> {
  const store = openSqliteEventStore({ file: join(dataDir, 'policy-ledger.sqlite'), crossProcessPollMs: 0 });
  try {
    const timeline = new PolicyTimeline('ai-export-controls', (await store.readStream(policyStreamName('ai-export-controls'))).map(toRecordedPolicyEvent));
    const ids: Record<string, string> = {};
    for (const { name, input, validAt } of exports) {
      const id = stableId('determination', ISSUER.id, name);
      const coordinates = { validAt: parseInstant(validAt), knownAt: new Date().toISOString() };
      const result = evaluateDetermination(input, timeline.stateAt(coordinates), { ledger: {} });
      const data = determinationIssuedData({
        determinationId: id,
        policyId: 'ai-export-controls',
        input,
        coordinates,
        ledger: {},
        result,
        issuedAt: coordinates.knownAt,
        issuedBy: ISSUER.id,
      });
      await store.append(determinationStream(id), [determinationIssuedEvent(data, eventMetadata(ISSUER, { commandId: name }))], 'no_stream');
      ids[name] = id;
    }
    return ids;
  } finally {
    await store.close();
  }
}

/** What the API's submitAmendment and approveAmendment record (policyctl has no approve step). */
async function approveThroughTheApi(dataDir: string, amendmentId: string, approver: string): Promise<void> {
  const store = openSqliteEventStore({ file: join(dataDir, 'policy-ledger.sqlite'), crossProcessPollMs: 0 });
  try {
    const amendments = new AmendmentStore(store);
    const at = new Date().toISOString();
    await amendments.run(amendmentId, `submit-${amendmentId}`, () => ({
      type: 'SubmitAmendment',
      data: { amendmentId, actor: { id: 'alice', roles: ['editor'] }, at },
    }));
    await amendments.run(amendmentId, `approve-${amendmentId}`, () => ({
      type: 'ApproveAmendment',
      data: { amendmentId, actor: { id: approver, roles: ['approver'] }, at },
    }));
  } finally {
    await store.close();
  }
}

describe('policyctl amendment draft, impact and publish', () => {
  const dataDir = join(root, '.tmp', `policyctl-amendment-${process.pid}`);
  const store = ['--data-dir', dataDir];
  let determinations: Record<string, string>;
  let amendmentId: string;

  beforeAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    expect(policyctl(['import', 'policies/', ...store]).status).toBe(0);
    determinations = await issue(dataDir, [
      { name: 'in-june', input: shipment('IN', 'in-1'), validAt: '2025-06-01' },
      { name: 'in-august', input: shipment('IN', 'in-2'), validAt: '2025-08-01' },
      { name: 'de-august', input: shipment('DE', 'de-1'), validAt: '2025-08-01' },
    ]);
    expect(policyctl(['rebuild', ...store]).stdout).toMatch(/^rebuilt determinations: 3 rows/);
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('drafts the changes of a policy file as the given actor, with an id from the store, once per commandId', () => {
    const run = policyctl(['amendment', 'draft', '--file', fixture, '--commandId', 'india-1', '--actor', 'alice', '--role', 'editor', ...store]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const drafted =
      /^amendment (\S+) DRAFT version 1: "TEST FIXTURE: India to Tier 3 \(fictitious\)", 1 change to policy ai-export-controls, based on policy position (\d+)\n$/.exec(
        run.stdout,
      );
    expect(drafted).not.toBeNull();
    amendmentId = drafted![1]!;
    expect(amendmentId).not.toBe('2026-11-01-india-to-tier-3');

    const again = policyctl(['amendment', 'draft', '--file', fixture, '--commandId', 'india-1', '--actor', 'alice', '--role', 'editor', ...store]);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(run.stdout);
  });

  it('shows the amendment and, with --redline, its redline in word-diff notation when stdout is not a terminal', () => {
    const run = policyctl(['amendment', 'show', amendmentId, '--redline', ...store]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      expect.stringMatching(new RegExp(`^amendment ${amendmentId} DRAFT version 1: "TEST FIXTURE: India to Tier 3 \\(fictitious\\)"`)),
      'author: alice',
    ]);
    expect(lines).toContain('source: TEST FIXTURE, fictitious notice, published 2026-11-01');
    expect(lines).toContainEqual(expect.stringMatching(/^  \S+ AmendmentDrafted by alice$/));
    const redline = lines.slice(lines.findIndex((line) => line.startsWith('redline against policy ai-export-controls at position ')));
    expect(redline.slice(1, 6)).toEqual([
      '',
      'country IN (changed) from 2025-07-01',
      `  by ${amendmentId}#0 CountryTierReassigned, effective 2025-07-01 (TEST FIXTURE, fictitious notice)`,
      '  tier: {+3+}',
      '',
    ]);
    expect(run.stdout).not.toContain('\u001b[');
    expect(policyctl(['amendment', 'show', amendmentId, ...store]).stdout).not.toContain('redline');
  });

  it('refuses a file the policy loader rejects, and a role that may not draft', () => {
    const bad = policyctl(['amendment', 'draft', '--file', 'apps/cli/src/test-fixtures/2026-11-01-bad-country.yaml', ...store]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      "apps/cli/src/test-fixtures/2026-11-01-bad-country.yaml:10:53: changes[0].country: 'XK' is not an ISO 3166-1 alpha-2 country code",
    );
    const viewer = policyctl(['amendment', 'draft', '--file', fixture, '--role', 'viewer', ...store]);
    expect(viewer.status).toBe(1);
    expect(viewer.stderr).toBe('policyctl: drafting an amendment needs the role editor or admin\n');
  });

  it('reports the impact over the recorded determinations: only India from 2025-07-01 flips', () => {
    const run = policyctl(['amendment', 'impact', amendmentId, ...store]);
    // A slow machine takes long enough for the progress bar to show; nothing else may be said.
    expect(run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith(`impact of ${amendmentId}: `))).toEqual([]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      amendmentId,
      policyId: 'ai-export-controls',
      status: 'DRAFT',
      evaluated: 3,
      unchanged: 1,
      flipped: 1,
      byTransition: [{ from: 'LICENSE_EXCEPTION', to: 'LICENSE_REQUIRED', count: 1 }],
    });
    expect(report.samples.map((sample: { determinationId: string }) => sample.determinationId)).toEqual([determinations['in-august']]);

    const windowed = JSON.parse(policyctl(['amendment', 'impact', amendmentId, '--valid-to', '2025-06-30', ...store]).stdout);
    expect(windowed).toMatchObject({ evaluated: 1, flipped: 0, validTo: '2025-06-30T00:00:00.000Z' });
  });

  it('warns when the read model is behind the store rather than report less in silence', async () => {
    await issue(dataDir, [{ name: 'in-september', input: shipment('IN', 'in-3'), validAt: '2025-09-01' }]);
    const run = policyctl(['amendment', 'impact', amendmentId, ...store]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^policyctl: warning: the determinations read model is behind the store/);
    expect(JSON.parse(run.stdout).evaluated).toBe(3);
  });

  it("refuses to publish an amendment that is not APPROVED, saying approval is a second person's step", () => {
    const run = policyctl(['amendment', 'publish', amendmentId, '--actor', 'alice', ...store]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^policyctl: cannot publish an amendment that is DRAFT: only one that is APPROVED\. Approval is a second person's step, through the API/,
    );
  });

  it('publishes it once approved by someone else, after which it has no impact left to analyse', async () => {
    await approveThroughTheApi(dataDir, amendmentId, 'bob');
    const viewer = policyctl(['amendment', 'publish', amendmentId, '--actor', 'carol', '--role', 'viewer', ...store]);
    expect(viewer.status).toBe(1);
    expect(viewer.stderr).toBe('policyctl: publishing an amendment needs the role approver or admin\n');

    const run = policyctl(['amendment', 'publish', amendmentId, '--actor', 'carol', '--role', 'approver', ...store]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(new RegExp(`^published amendment ${amendmentId}: 1 change appended to policy ai-export-controls at position \\d+\\n$`));
    expect(run.status).toBe(0);

    const impact = policyctl(['amendment', 'impact', amendmentId, ...store]);
    expect(impact.status).toBe(1);
    expect(impact.stderr).toBe(`policyctl: amendment '${amendmentId}' is PUBLISHED; only unpublished amendments have an impact to analyse\n`);
  });

  it('refuses a bad command line as a usage error', () => {
    expect(policyctl(['amendment', 'draft', ...store])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('amendment draft needs --file <change.yaml>'),
    });
    expect(policyctl(['amendment', 'approve', 'x', ...store])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("unknown amendment step 'approve'"),
    });
    expect(policyctl(['amendment', 'draft', '--file', fixture, '--role', 'boss', ...store])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("--role must be one of viewer, determiner, editor, approver, admin, not 'boss'"),
    });
    expect(policyctl(['amendment', 'impact', 'x', '--valid-from', 'June', ...store])).toMatchObject({ status: 2 });
  });
});
