import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openReadModelDatabase } from '#api-kit';
import { AuditTreeProjection, CheckpointWriter, loadSigningKey, nativeHasher, receiptFor, SqliteTreeStore } from '#audit-log';
import { canonicalJson } from '#domain';
import { ChainVerifier, eventHash, GENESIS_HASH } from '#event-store';
import { openSqliteEventStore } from '#event-store/sqlite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(root, 'apps', 'cli', 'bin', 'policyctl.js');

function policyctl(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * A data directory as the API leaves it (events, audit tree, a logged checkpoint), written
 * through the same framework-free parts the API runs, then closed: "the server stopped".
 */
async function recordedLog(): Promise<{ dir: string; files: { checkpoint: string; receipt: string; key: string }; determination: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'policy-ledger-audit-'));
  const settings = { kind: 'sqlite' as const, dataDir: dir };
  const store = openSqliteEventStore({ file: join(dir, 'policy-ledger.sqlite') });
  const db = openReadModelDatabase(store, settings);
  const key = await loadSigningKey(undefined, dir);
  const projection = new AuditTreeProjection(store, new SqliteTreeStore(db, nativeHasher));
  await projection.start();
  const append = (stream: string, type: string, data: unknown, expected: number | 'no_stream') =>
    store.append(stream, [{ id: randomUUID(), type, data, metadata: { actor: 'test' } }], expected);
  await append('policy-p', 'RegimeEnacted', { regime: 'r1', effectiveAt: '2025-01-01' }, 'no_stream');
  await append('policy-p', 'ThresholdChanged', { parameter: 'tpp', value: 4800, unit: 'TPP' }, 0);
  for (let i = 0; i < 6; i++) await append(`determination-d${i}`, 'DeterminationIssued', { id: `d${i}`, outcome: 'LICENSE_REQUIRED', n: i }, 'no_stream');
  await append('ledger-lpp-acme-2025', 'AllocationDrawn', { amount: 100 }, 'no_stream');
  const last = await append('policy-p', 'ThresholdChanged', { parameter: 'tpp', value: 5000, unit: 'TPP' }, 1);
  await projection.waitFor(last.position, 5000);
  const writer = new CheckpointWriter(store, projection.tree, key);
  const checkpoint = (await writer.writeIfDue())!;
  // A determination recorded after the checkpoint: its receipt is against an interim tree head.
  const after = await append('determination-d9', 'DeterminationIssued', { id: 'd9', outcome: 'NO_LICENSE_REQUIRED' }, 'no_stream');
  await projection.waitFor(after.position, 5000);
  const [event] = await store.readStream('determination-d3');
  const receipt = await receiptFor(event!, projection.tree, writer);
  await projection.stop();
  db.close();
  await store.close();
  const files = { checkpoint: join(dir, 'kept-checkpoint.json'), receipt: join(dir, 'receipt.json'), key: join(dir, 'kept-key.pem') };
  writeFileSync(files.checkpoint, JSON.stringify(checkpoint));
  writeFileSync(files.receipt, JSON.stringify(receipt));
  writeFileSync(files.key, key.publicKeyPem);
  return { dir, files, determination: 'determination-d3' };
}

interface Row {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

/** Rewrites one event's data and reseals its stream's hash chain from there: a forger with write access. */
function forge(db: Database.Database, stream: string, revision: number, data: unknown): void {
  const rows = db.prepare('SELECT position, stream, revision, type, data, metadata FROM events WHERE stream = ? ORDER BY revision').all(stream) as Row[];
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    const { hash: _old, ...metadata } = JSON.parse(row.metadata) as Record<string, unknown>;
    const dataJson = row.revision === revision ? canonicalJson(data) : row.data;
    metadata.prevHash = prevHash;
    const hash = eventHash(row.stream, row.revision, row.type, dataJson, canonicalJson(metadata), prevHash);
    db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(dataJson, canonicalJson({ ...metadata, hash }), row.position);
    prevHash = hash;
  }
}

function firstIndexOf(stderr: string): number {
  const match = /first failing index (\d+)/.exec(stderr);
  if (!match) throw new Error(`no index in: ${stderr}`);
  return Number(match[1]);
}

describe('policyctl audit', () => {
  let log: Awaited<ReturnType<typeof recordedLog>>;
  const verifyLog = () => policyctl(['audit', 'verify', '--checkpoint', log.files.checkpoint, '--data-dir', log.dir, '--public-key', log.files.key]);
  const verifyReceipt = () => policyctl(['audit', 'verify-receipt', log.files.receipt, '--public-key', log.files.key]);
  const withFile = (change: (db: Database.Database) => void) => {
    const db = new Database(join(log.dir, 'policy-ledger.sqlite'));
    try {
      change(db);
    } finally {
      db.close();
    }
  };
  const leafOf = (stream: string, revision = 0): number =>
    withDb((db) => {
      const position = (db.prepare('SELECT position FROM events WHERE stream = ? AND revision = ?').pluck().get(stream, revision) as number)!;
      return db.prepare('SELECT leaf_index FROM audit_tree_leaves WHERE position = ?').pluck().get(position) as number;
    });
  const withDb = <T>(read: (db: Database.Database) => T): T => {
    const db = new Database(join(log.dir, 'policy-ledger.sqlite'), { readonly: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    log = await recordedLog();
  });
  afterEach(() => rmSync(log.dir, { recursive: true, force: true }));

  it('finds an untouched log valid, and the receipt valid offline', () => {
    const run = verifyLog();
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^valid: 12 events in 10 streams; the first 10 match the kept checkpoint/);
    expect(run.status).toBe(0);
    const receipt = verifyReceipt();
    expect(receipt.stdout).toMatch(/^receipt valid: DeterminationIssued of determination-d3 is leaf 5 of the log at checkpoint 10 leaves/);
    expect(receipt.status).toBe(0);
  });

  it('(a) detects a determination whose data was edited and whose hash chain was recomputed', () => {
    const index = leafOf('determination-d2');
    withFile((db) => forge(db, 'determination-d2', 0, { id: 'd2', outcome: 'NO_LICENSE_REQUIRED', n: 2 }));
    withDb((db) => {
      const verifier = new ChainVerifier();
      for (const row of db.prepare('SELECT * FROM events ORDER BY position').all() as (Row & { id: string })[])
        verifier.check({ ...row, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) });
      expect(verifier.result().ok).toBe(true); // the per-stream chain alone no longer sees it
    });
    const run = verifyLog();
    expect(run.status).toBe(1);
    expect(firstIndexOf(run.stderr)).toBe(index);
    expect(run.stderr).toContain('determination-d2@0');
    expect(verifyReceipt().status).toBe(0);
  });

  it('(b) detects a whole stream deleted', () => {
    const index = leafOf('determination-d1');
    withFile((db) => db.prepare("DELETE FROM events WHERE stream = 'determination-d1'").run());
    const run = verifyLog();
    expect(run.status).toBe(1);
    expect(firstIndexOf(run.stderr)).toBe(index);
    expect(verifyReceipt().status).toBe(0);
  });

  it('(c) detects two events swapped in order', () => {
    const first = leafOf('determination-d4');
    withFile((db) => {
      const rows = db.prepare("SELECT * FROM events WHERE stream IN ('determination-d4', 'determination-d5') ORDER BY position").all() as (Row & {
        id: string;
      })[];
      const [a, b] = rows as [Row & { id: string }, Row & { id: string }];
      const move = db.prepare('UPDATE events SET id = ?, stream = ?, revision = ?, type = ?, data = ?, metadata = ? WHERE position = ?');
      db.transaction(() => {
        db.prepare('UPDATE events SET id = ?, stream = ? WHERE position = ?').run('swap', 'swap', a.position);
        move.run(a.id, a.stream, a.revision, a.type, a.data, a.metadata, b.position);
        move.run(b.id, b.stream, b.revision, b.type, b.data, b.metadata, a.position);
      })();
    });
    const run = verifyLog();
    expect(run.status).toBe(1);
    expect(firstIndexOf(run.stderr)).toBe(first);
    expect(verifyReceipt().status).toBe(0);
  });

  it('(d) detects a log truncated and continued with different events', async () => {
    const cut = leafOf('determination-d3');
    withFile((db) => {
      const position = db.prepare("SELECT position FROM events WHERE stream = 'determination-d3'").pluck().get() as number;
      db.prepare('DELETE FROM events WHERE position >= ?').run(position);
    });
    const store = openSqliteEventStore({ file: join(log.dir, 'policy-ledger.sqlite') });
    await store.append(
      'determination-d3',
      [{ id: randomUUID(), type: 'DeterminationIssued', data: { id: 'd3', outcome: 'NO_LICENSE_REQUIRED' } }],
      'no_stream',
    );
    await store.append('determination-x', [{ id: randomUUID(), type: 'DeterminationIssued', data: { id: 'x' } }], 'no_stream');
    await store.close();
    const run = verifyLog();
    expect(run.status).toBe(1);
    expect(firstIndexOf(run.stderr)).toBe(cut);
    expect(verifyReceipt().status).toBe(0);
  });

  it('names the failing step of a receipt edited by hand', () => {
    const receipt = JSON.parse(readFileSync(log.files.receipt, 'utf8'));
    receipt.event.data.outcome = 'NO_LICENSE_REQUIRED';
    writeFileSync(log.files.receipt, JSON.stringify(receipt));
    const run = verifyReceipt();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('receipt NOT valid: leaf 5: the event hashes to');
  });
});
