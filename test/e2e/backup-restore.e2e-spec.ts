import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    // Checkpoints every 200 ms: the live log's checkpoint soon covers more than the backup holds.
    api = await ApiHarness.start('sqlite', { env: { CHECKPOINT_INTERVAL: '200' } });
    work = mkdtempSync(join(tmpdir(), 'policy-ledger-backup-'));
  });
  afterAll(async () => {
    await api.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up while rulings are being issued with a signed checkpoint of exactly what it holds, and restores into an empty directory a store that verifies against that checkpoint and whose read model rebuilds to the same rows', async () => {
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
    const summary = JSON.parse(backup.stdout) as { events: number; position: number; chainVerified: boolean; treeSize: number; checkpoint: string };
    expect(summary.chainVerified).toBe(true);
    // The checkpoint taken with the backup covers every event it holds, no more.
    expect(summary.checkpoint).toBe(`${backupFile}.checkpoint.json`);
    const checkpoint = JSON.parse(readFileSync(summary.checkpoint, 'utf8')) as { treeSize: number; rootHash: string };
    expect(checkpoint.treeSize).toBe(summary.events);
    expect(summary.treeSize).toBe(summary.events);
    // The copy is the store as of one moment: exactly the log up to its last position, no gap.
    const source = join(api.dataDir, 'policy-ledger.sqlite');
    const sourceLog = rows(source, `SELECT id, position FROM events WHERE position <= ${summary.position} ORDER BY position`);
    expect(rows(backupFile, 'SELECT id, position FROM events ORDER BY position')).toEqual(sourceLog);
    expect(summary.events).toBe(sourceLog.length);
    const inBackup = issued.filter((d) => d.position <= summary.position);
    expect(inBackup.length).toBeGreaterThanOrEqual(10);
    expect(inBackup.length).toBeLessThan(issued.length);

    // The API's own log, which went on growing, extends the backup's checkpoint (a consistency
    // proof from the API's tree, checked with the API's published key): it signed the API's tree.
    const keyFile = join(work, 'audit-key.pem');
    writeFileSync(keyFile, await (await fetch(api.url.replace(/\/graphql$/, '/.well-known/policy-ledger/audit-key.pem'))).text());
    let latest = { treeSize: 0 };
    for (let i = 0; i < 100 && latest.treeSize <= summary.events; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      latest = (await api.data<{ auditCheckpoint: { treeSize: number } }>('{ auditCheckpoint { treeSize rootHash issuedAt keyId signature document } }'))
        .auditCheckpoint;
    }
    expect(latest.treeSize).toBeGreaterThan(summary.events);
    const liveFile = join(work, 'live-checkpoint.json');
    writeFileSync(liveFile, JSON.stringify(latest));
    const extended = await policyctl(['audit', 'verify', '--checkpoint', summary.checkpoint, '--url', api.url, '--token', await api.token('viewer')]);
    expect(extended.stderr).toBe('');
    expect(extended.stdout).toContain(`extends the kept checkpoint of ${summary.events} leaves`);
    expect(extended.status).toBe(0);

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
    expect(JSON.parse(restored.stdout)).toMatchObject({
      events: summary.events,
      position: summary.position,
      chainVerified: true,
      rootHash: checkpoint.rootHash,
    });

    // The restored store verifies against the checkpoint taken with the backup...
    const verified = await policyctl(['audit', 'verify', '--checkpoint', summary.checkpoint, '--public-key', keyFile, '--data-dir', restoredDir]);
    expect(verified.stdout).toContain(`valid: ${summary.events} events`);
    expect(verified.stdout).toContain(`the first ${summary.events} match the kept checkpoint`);
    expect(verified.status).toBe(0);
    // ...and not against the live log's later checkpoint: it holds what the backup held, no more.
    const later = await policyctl(['audit', 'verify', '--checkpoint', liveFile, '--public-key', keyFile, '--data-dir', restoredDir]);
    expect(later.status).toBe(1);
    expect(later.stderr).toContain(`the log ends at ${summary.events} events, but the checkpoint covers ${latest.treeSize}`);

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
