import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiHarness } from './support/api-harness.js';
import { indiaShipment } from './support/fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const POLICYCTL = join(ROOT, 'apps/cli/bin/policyctl.js');

/** policyctl in its own process, without blocking this one (the load keeps running meanwhile). */
function policyctl(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [POLICYCTL, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

function rows(file: string, sql: string): unknown[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).raw().all();
  } finally {
    db.close();
  }
}

const ISSUE = `mutation($input: DeterminationInput!, $commandId: ID) {
  issueDetermination(input: $input, validAt: "2025-06-01", commandId: $commandId) { id position }
}`;

describe('backup and restore of the embedded store', () => {
  let api: ApiHarness;
  let work: string;

  beforeAll(async () => {
    api = await ApiHarness.start('sqlite');
    work = mkdtempSync(join(tmpdir(), 'policy-ledger-backup-'));
  });
  afterAll(async () => {
    await api.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up while rulings are being issued, and restores into an empty directory a store whose chains verify and whose read model rebuilds to the same rows', async () => {
    // Rulings issued one after another until told to stop (bounded: 400 at most).
    let stop = false;
    const issued: Array<{ id: string; position: number }> = [];
    const load = (async () => {
      for (let i = 0; i < 400 && !stop; i++) {
        const input = indiaShipment(`backup-${i}`, 10);
        issued.push((await api.data<{ issueDetermination: { id: string; position: number } }>(ISSUE, { input, commandId: `backup-${i}` })).issueDetermination);
      }
    })();
    while (issued.length < 10) await new Promise((resolve) => setTimeout(resolve, 20));

    const backupFile = join(work, 'ledger.backup');
    const backup = await policyctl(['backup', backupFile, '--data-dir', api.dataDir]);
    const issuedDuringBackup = issued.length;
    while (issued.length < issuedDuringBackup + 5) await new Promise((resolve) => setTimeout(resolve, 20));
    stop = true;
    await load;

    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    const summary = JSON.parse(backup.stdout) as { events: number; position: number; chainVerified: boolean };
    expect(summary.chainVerified).toBe(true);
    // The copy is the store as of one moment: exactly the log up to its last position, no gap.
    const source = join(api.dataDir, 'policy-ledger.sqlite');
    const sourceLog = rows(source, `SELECT id, position FROM events WHERE position <= ${summary.position} ORDER BY position`);
    expect(rows(backupFile, 'SELECT id, position FROM events ORDER BY position')).toEqual(sourceLog);
    expect(summary.events).toBe(sourceLog.length);
    const inBackup = issued.filter((d) => d.position <= summary.position);
    expect(inBackup.length).toBeGreaterThanOrEqual(10);
    expect(inBackup.length).toBeLessThan(issued.length);

    // Restore refuses a directory in use, then fills a new one.
    const used = join(work, 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'auth-secret'), 'x');
    const refused = await policyctl(['restore', backupFile, '--data-dir', used]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('empty data directory');

    const restoredDir = join(work, 'restored');
    const restored = await policyctl(['restore', backupFile, '--data-dir', restoredDir]);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ events: summary.events, position: summary.position, chainVerified: true });

    // The read model rebuilds from the restored log to the rows of every determination in the backup.
    const restoredFile = join(restoredDir, 'policy-ledger.sqlite');
    const rebuild = await policyctl(['rebuild', '--data-dir', restoredDir]);
    expect(rebuild.status).toBe(0);
    expect(rebuild.stdout).toContain(`rebuilt determinations: ${inBackup.length} rows`);
    const rebuiltRows = rows(restoredFile, 'SELECT * FROM rm_determinations ORDER BY position');
    expect(rows(restoredFile, 'SELECT id FROM rm_determinations ORDER BY position')).toEqual(inBackup.map((d) => [d.id]));
    await api.terminate();
    expect(rows(source, `SELECT * FROM rm_determinations WHERE position <= ${summary.position} ORDER BY position`)).toEqual(rebuiltRows);

    // An API started on the restored directory serves what the backup holds.
    const restoredApi = await ApiHarness.start('sqlite', { dataDir: restoredDir });
    try {
      const last = inBackup.at(-1)!;
      const found = await restoredApi.data<{ determination: { id: string; position: number } | null }>(
        'query($id: ID!) { determination(id: $id) { id position } }',
        { id: last.id },
      );
      expect(found.determination).toEqual(last);
      expect((await restoredApi.data('{ verifyAuditTrail { ok } }')).verifyAuditTrail.ok).toBe(true);
    } finally {
      await restoredApi.terminate();
    }
  }, 180_000);

  it('refuses to back up the EventStoreDB store, naming the server procedure', async () => {
    const run = await policyctl(['backup', join(work, 'never'), '--store', 'eventstoredb', '--connection-string', 'esdb://127.0.0.1:1?tls=false']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('docs/operations.md');
  });

  it('refuses to restore a file that is not a store', async () => {
    const junk = join(work, 'junk.sqlite');
    const db = new Database(junk);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const run = await policyctl(['restore', junk, '--data-dir', join(work, 'never-restored')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('not a Policy Ledger store');
  });
});
