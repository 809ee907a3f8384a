import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiHarness } from './support/api-harness.js';
import { indiaShipment } from './support/fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'apps', 'cli', 'bin', 'policyctl.js');
/** The repository's files, and the day the last of them joins the record (its name's date). */
const REPOSITORY_FILES = readdirSync(join(ROOT, 'policies', 'ai-export-controls'))
  .filter((name) => name.endsWith('.yaml'))
  .sort();
const LAST_RECORDED = REPOSITORY_FILES.at(-1)!.slice(0, 10);

function policyctl(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** TEST FIXTURE, not law: made-up notices used only by this test. */
const fixture = (title: string, changes: unknown[]) => ({
  title: `TEST FIXTURE: ${title}`,
  rationale: 'Test fixture for the policy repository workflow; not a real legal action.',
  source: { citation: 'TEST FIXTURE: fictitious notice, not a real legal action', publishedAt: '2026-11-01' },
  changes,
});

const HISTORY = `query($after: String) { policyHistory(first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor }
  nodes { changeId policyId type effectiveAt recordedAt position amendmentId source { citation url publishedAt } rationale confidence note details } } }`;
const STATE_HASH = `query($at: PolicyCoordinates) { policy(at: $at) { version { stateHash } } }`;
const EVALUATE = `query($input: DeterminationInput!, $at: PolicyCoordinates) { evaluate(input: $input, at: $at) {
  outcome reviewPolicy exceptions items { index eccn outcome reviewPolicy exceptions } trace { ruleId kind matched citation explanation }
  enforcement { regime status since source { citation } } facts policyVersion { validAt stateHash } engineVersion } }`;

/** The files of an exported policy directory, by name. */
function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );
}

describe('the store and a policy repository kept as one: drift, export, publish --write-file, and the round trip', () => {
  const work = mkdtempSync(join(tmpdir(), 'policy-ledger-repository-'));
  const [dataA, dataB, repository] = [join(work, 'store-a'), join(work, 'store-b'), join(work, 'repository')];
  const storeA = ['--data-dir', dataA];
  let publishedWithoutFile: string;
  let toPublishWithFile: string;

  beforeAll(async () => {
    // Store A: the API seeds it from policies/, then one amendment is published through it and
    // another approved, each by an editor and a different approver.
    const api = await ApiHarness.start('sqlite', { dataDir: dataA });
    try {
      const lifecycle = async (input: ReturnType<typeof fixture>, publish: boolean): Promise<string> => {
        const { draftAmendment } = await api.data(`mutation($input: DraftAmendmentInput!) { draftAmendment(input: $input) { id } }`, { input }, 'editor');
        await api.data(`mutation($id: ID!) { submitAmendment(id: $id) { id } }`, { id: draftAmendment.id }, 'editor');
        await api.data(`mutation($id: ID!) { approveAmendment(id: $id) { id } }`, { id: draftAmendment.id }, 'approver');
        if (publish) await api.data(`mutation($id: ID!) { publishAmendment(id: $id) { id } }`, { id: draftAmendment.id }, 'approver');
        return draftAmendment.id;
      };
      publishedWithoutFile = await lifecycle(
        fixture('India to Tier 3 (fictitious)', [{ type: 'REASSIGN_TIER', country: 'IN', tier: 3, effectiveAt: '2025-07-01' }]),
        true,
      );
      toPublishWithFile = await lifecycle(
        fixture('a lower LPP cap (fictitious)', [{ type: 'SET_THRESHOLD', parameter: 'lpp.cap.tpp', value: 20000000, unit: 'TPP', effectiveAt: '2026-12-01' }]),
        false,
      );
    } finally {
      await api.terminate();
    }
    mkdirSync(repository);
    cpSync(join(ROOT, 'policies', 'ai-export-controls'), join(repository, 'ai-export-controls'), { recursive: true });
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('drift exits 1 after an amendment is published without its file, naming it; export writes it and drift exits 0', () => {
    const drifted = policyctl(['drift', repository, ...storeA]);
    expect(drifted.status).toBe(1);
    expect(drifted.stdout).toBe(
      `${join(repository, 'ai-export-controls')}: ${publishedWithoutFile}: recorded in the store (1 change at position ${/position (\d+)\)/.exec(drifted.stdout)?.[1]}) but no file holds it\n`,
    );
    expect(drifted.stderr).toBe(`policyctl: 1 difference between ${repository} and the store\n`);

    const exported = policyctl(['export', repository, ...storeA]);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toBe(
      `exported policy ai-export-controls to ${join(repository, 'ai-export-controls')}: ${REPOSITORY_FILES.length + 1} files (${REPOSITORY_FILES.length} as imported, 1 laid out from the store), 1 changed on disk\n`,
    );
    const clean = policyctl(['drift', repository, ...storeA]);
    expect(clean).toMatchObject({ status: 0, stderr: '' });
    expect(clean.stdout).toBe(`no drift: ${repository} holds the store's policy history (ai-export-controls: ${REPOSITORY_FILES.length + 1} legal actions)\n`);
  }, 120_000);

  it('publish --write-file writes the file where export would, and drift stays at 0', () => {
    const published = policyctl(['amendment', 'publish', toPublishWithFile, '--write-file', repository, '--actor', 'carol', '--role', 'approver', ...storeA]);
    expect(published.stderr).toBe('');
    expect(published.status).toBe(0);
    // Its source (2026-11-01) is older than the last file recorded ahead of it: it states recordedOn, named by that date.
    const file = join(
      repository,
      'ai-export-controls',
      `${LAST_RECORDED}-test-fixture-india-to-tier-3-fictitious-test-fixture-a-lower-lpp-cap-fictitious.yaml`,
    );
    expect(published.stdout.split('\n').slice(1)).toEqual([`wrote ${file}`, '']);
    expect(readFileSync(file, 'utf8')).toContain(`amendmentId: ${toPublishWithFile}\n`);
    expect(readFileSync(file, 'utf8')).toContain(`  publishedAt: 2026-11-01\nrecordedOn: ${LAST_RECORDED}\n`);
    expect(policyctl(['drift', repository, ...storeA])).toMatchObject({ status: 0, stderr: '' });

    // The same directory with the file edited by hand: the changed value is drift.
    const edited = join(work, 'edited');
    cpSync(repository, edited, { recursive: true });
    const editedFile = join(edited, 'ai-export-controls', basename(file));
    writeFileSync(editedFile, readFileSync(editedFile, 'utf8').replace('value: 20000000', 'value: 21000000'));
    const changed = policyctl(['drift', edited, ...storeA]);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toBe(`${editedFile}: changes[0].value: the file has 21000000, the store has 20000000\n`);
  }, 120_000);

  it('round trip: an empty store importing the export has the same state hash at every effective date, the same history and the same answers; exporting again gives the same bytes', async () => {
    const [exportA, exportB] = [join(work, 'export-a'), join(work, 'export-b')];
    expect(policyctl(['export', exportA, ...storeA]).status).toBe(0);
    mkdirSync(dataB);
    const imported = policyctl(['import', exportA, '--data-dir', dataB]);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(new RegExp(`^imported .*: policy ai-export-controls, ${REPOSITORY_FILES.length + 2} new, 0 already recorded`));
    expect(policyctl(['export', exportB, '--data-dir', dataB]).status).toBe(0);
    const filesA = filesOf(join(exportA, 'ai-export-controls'));
    expect(Object.keys(filesA)).toHaveLength(REPOSITORY_FILES.length + 2);
    expect(filesOf(join(exportB, 'ai-export-controls'))).toEqual(filesA);
    expect(filesOf(join(repository, 'ai-export-controls'))).toEqual(filesA);

    const [apiA, apiB] = [await ApiHarness.start('sqlite', { dataDir: dataA }), await ApiHarness.start('sqlite', { dataDir: dataB })];
    try {
      // Every page of policyHistory (pages of 50 keep within the query cost limit).
      const history = async (api: ApiHarness) => {
        const nodes: Array<Record<string, unknown>> = [];
        for (let after: string | undefined, page = 0; page < 100; page++) {
          const { policyHistory } = await api.data(HISTORY, { after }, 'viewer');
          nodes.push(...policyHistory.nodes);
          if (!policyHistory.pageInfo.hasNextPage) return { totalCount: policyHistory.totalCount, nodes };
          after = policyHistory.pageInfo.endCursor;
        }
        throw new Error('policyHistory has more than 100 pages');
      };
      const [historyA, historyB] = [await history(apiA), await history(apiB)];
      expect(historyA.totalCount).toBeGreaterThan(200);
      expect(historyA.nodes).toHaveLength(historyA.totalCount);
      // Where and when each store recorded a change is the store's own fact; everything else must agree.
      const content = (nodes: Array<Record<string, unknown>>) => nodes.map(({ position: _position, recordedAt: _recordedAt, ...change }) => change);
      expect(content(historyB.nodes)).toEqual(content(historyA.nodes));

      const effectiveDates = [...new Set<string>(historyA.nodes.map((node) => node.effectiveAt as string))].sort();
      const shipments = [
        indiaShipment('round-trip-in'),
        { ...indiaShipment('round-trip-cn'), destination: 'CN', consignee: { id: 'round-trip-cn', country: 'CN', headquarters: 'CN' } },
      ];
      for (const validAt of effectiveDates) {
        const [hashA, hashB] = [await apiA.data(STATE_HASH, { at: { validAt } }, 'viewer'), await apiB.data(STATE_HASH, { at: { validAt } }, 'viewer')];
        expect({ validAt, hash: hashB.policy.version.stateHash }).toEqual({ validAt, hash: hashA.policy.version.stateHash });
        for (const input of shipments) {
          const [resultA, resultB] = [
            await apiA.data(EVALUATE, { input, at: { validAt } }, 'viewer'),
            await apiB.data(EVALUATE, { input, at: { validAt } }, 'viewer'),
          ];
          expect({ validAt, result: resultB.evaluate }).toEqual({ validAt, result: resultA.evaluate });
        }
      }
      expect(effectiveDates.length).toBeGreaterThan(10);
    } finally {
      await Promise.all([apiA.terminate(), apiB.terminate()]);
    }
  }, 300_000);
});
