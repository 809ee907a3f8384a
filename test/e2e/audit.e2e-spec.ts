// The audit record over real HTTP (issue 12): receipts that verify with the API down, the proof
// queries, canonicalState, verifyAuditTrail, and two nodes on the EventStoreDB stand-in (not
// EventStoreDB) serving the same checkpoints.
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPublicKey, verifyCheckpointConsistency, verifyReceipt } from '#audit';
import { ApiHarness } from './support/api-harness.js';
import { indiaShipment } from './support/fixtures.js';
import { StandInProcess } from './support/standin-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ISSUE = `mutation($input: DeterminationInput!) { issueDetermination(input: $input, validAt: "2025-06-01") { id outcome position receipt } }`;
const CHECKPOINT = '{ auditCheckpoint { treeSize rootHash issuedAt keyId signature document } }';

/** Retries `probe` until it stops throwing (or rethrows after the timeout). */
async function until<T>(probe: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function policyctl(args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'apps/cli/bin/policyctl.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
}

describe('audit record over HTTP (embedded store)', () => {
  let api: ApiHarness;
  const files = mkdtempSync(join(tmpdir(), 'policy-ledger-receipts-'));

  beforeAll(async () => {
    api = await ApiHarness.start('sqlite', { env: { CHECKPOINT_INTERVAL: '300' } });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    rmSync(files, { recursive: true, force: true });
  });

  it('issues a determination with a receipt that verifies with the API down', async () => {
    const { issueDetermination: issued } = await api.data(ISSUE, { input: indiaShipment('audit-e2e') }, 'determiner');
    const receipt = issued.receipt;
    expect(receipt.event.stream).toBe(`determination-${issued.id}`);
    expect(receipt.event.data.determinationId).toBe(issued.id);
    expect(receipt.event.data.result.outcome).toBe(issued.outcome);
    expect(receipt.position).toBe(issued.position);
    expect(['interim', 'logged']).toContain(receipt.anchor);
    const pem = await (await fetch(api.url.replace('/graphql', '/.well-known/policy-ledger/audit-key.pem'))).text();
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    await expect(verifyReceipt(receipt, await importPublicKey(pem))).resolves.toMatchObject({ valid: true, leafIndex: receipt.leafIndex });

    // Later, determination(id) serves the receipt against the first logged checkpoint covering it.
    const logged = await until(async () => {
      const { determination } = await api.data('query($id: ID!) { determination(id: $id) { receipt } }', { id: issued.id }, 'viewer');
      if (determination.receipt.anchor !== 'logged') throw new Error('no logged checkpoint covers it yet');
      return determination.receipt;
    });
    expect(logged.leafIndex).toBe(receipt.leafIndex);
    expect(logged.checkpoint.treeSize).toBeGreaterThan(receipt.leafIndex);

    writeFileSync(join(files, 'receipt.json'), JSON.stringify(logged));
    writeFileSync(join(files, 'interim-receipt.json'), JSON.stringify(receipt));
    writeFileSync(join(files, 'key.pem'), pem);
    await api.terminate();
    for (const file of ['receipt.json', 'interim-receipt.json']) {
      const run = policyctl(['audit', 'verify-receipt', join(files, file), '--public-key', join(files, 'key.pem')]);
      expect(run.stdout).toContain(`receipt valid: DeterminationIssued of determination-${issued.id} is leaf ${receipt.leafIndex}`);
      expect(run.status).toBe(0);
    }
    api = await api.restart();
  }, 240_000);

  it('serves checkpoints and proofs that verify offline, and canonicalState hashes to stateHash', async () => {
    const { issueDetermination: issued } = await api.data(ISSUE, { input: indiaShipment('audit-e2e-2') }, 'determiner');
    const key = await importPublicKey(await (await fetch(api.url.replace('/graphql', '/.well-known/policy-ledger/audit-key.pem'))).text());
    const { auditCheckpoint: older } = await api.data(CHECKPOINT, {}, 'viewer');
    await api.data(ISSUE, { input: indiaShipment('audit-e2e-3') }, 'determiner');
    const newer = await until(async () => {
      const { auditCheckpoint } = await api.data(CHECKPOINT, {}, 'viewer');
      if (auditCheckpoint.treeSize <= older.treeSize) throw new Error('no newer checkpoint yet');
      return auditCheckpoint;
    });
    const { auditConsistencyProof: proof } = await api.data(
      'query($from: Float!, $to: Float) { auditConsistencyProof(fromTreeSize: $from, toTreeSize: $to) { fromTreeSize toTreeSize hashes } }',
      { from: older.treeSize, to: newer.treeSize },
      'viewer',
    );
    await expect(verifyCheckpointConsistency(older, newer, proof, key)).resolves.toMatchObject({ valid: true });

    const { auditInclusionProof: inclusion } = await api.data(
      'query($id: ID) { auditInclusionProof(determinationId: $id) { leafIndex leafHash treeSize hashes checkpoint { treeSize rootHash document signature } } }',
      { id: issued.id },
      'viewer',
    );
    expect(inclusion.treeSize).toBe(inclusion.checkpoint.treeSize);
    const bad = await api.gql('{ auditConsistencyProof(fromTreeSize: 5, toTreeSize: 1e12) { hashes } }', {}, 'viewer');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const { policy } = await api.data('{ policy(at: { validAt: "2025-06-01" }) { version { stateHash } canonicalState } }', {}, 'viewer');
    expect(createHash('sha256').update(policy.canonicalState).digest('hex')).toBe(policy.version.stateHash);

    const { verifyAuditTrail } = await api.data('{ verifyAuditTrail { ok eventsChecked firstBrokenAt checkpointTreeSize } }', {}, 'viewer');
    expect(verifyAuditTrail).toMatchObject({ ok: true, firstBrokenAt: null });
    expect(verifyAuditTrail.eventsChecked).toBeGreaterThan(newer.treeSize - 1);
  }, 120_000);
});

describe('audit record on two API nodes over the EventStoreDB stand-in (not EventStoreDB)', () => {
  it('serves identical checkpoints for the same tree size from both nodes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-ledger-audit-cluster-'));
    const standIn = await StandInProcess.start(join(dir, 'journal'));
    const signingKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const env = { CHECKPOINT_INTERVAL: '200', AUDIT_SIGNING_KEY: signingKey };
    const a = await ApiHarness.start('eventstoredb-standin', { connectionString: standIn.connectionString, env });
    const b = await ApiHarness.start('eventstoredb-standin', { connectionString: standIn.connectionString, env });
    try {
      for (let i = 0; i < 3; i++) {
        await a.data(ISSUE, { input: indiaShipment(`cluster-a-${i}`) }, 'determiner');
        await b.data(ISSUE, { input: indiaShipment(`cluster-b-${i}`) }, 'determiner');
      }
      const [fromA, fromB] = await until(async () => {
        const [{ auditCheckpoint: x }, { auditCheckpoint: y }] = await Promise.all([a.data(CHECKPOINT, {}, 'viewer'), b.data(CHECKPOINT, {}, 'viewer')]);
        if (x.treeSize !== y.treeSize) throw new Error(`nodes at ${x.treeSize} and ${y.treeSize}`);
        return [x, y];
      });
      expect(fromB).toEqual(fromA);
      expect(fromA.treeSize).toBeGreaterThan(6);
    } finally {
      await a.stop();
      await b.stop();
      await standIn.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
