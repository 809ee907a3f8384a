import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { Logger } from '@nestjs/common';
import { toHex, verifyCheckpoint, verifyCheckpointConsistency, verifyReceipt, type CheckpointBody, type CheckpointKey } from '#audit';
import { nativeHasher, nodeCheckpointKey, SqliteTreeStore, type LogVerification } from '#audit-log';
import { openConfiguredStore, openReadModelDatabase } from '#api-kit';
import { EventSerializer } from '#event-store';
import { CliError, usageError } from './cli-error.js';
import type { Output } from './output.js';
import { verifyStoreLog } from './store-log.js';
import { STORE_OPTIONS, storeSettings } from './store-options.js';

/** `policyctl audit verify-receipt | verify-consistency | verify`: exit 0 only when valid. */
export async function audit(args: string[], out: Output): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'verify-receipt') return verifyReceiptCommand(rest, out);
  if (sub === 'verify-consistency') return verifyConsistencyCommand(rest, out);
  if (sub === 'verify') return verifyLogCommand(rest, out);
  throw usageError(`audit needs verify-receipt, verify-consistency or verify, not '${sub ?? ''}'`);
}

async function verifyReceiptCommand(args: string[], out: Output): Promise<void> {
  const { values, positionals } = parse(args, { 'public-key': { type: 'string' } });
  if (positionals.length !== 1 || !values['public-key']) throw usageError('audit verify-receipt needs RECEIPT.json and --public-key KEY.pem');
  const key = await publicKey(values['public-key'] as string);
  const verdict = await verifyReceipt(readJson(positionals[0]!), key, nativeHasher);
  if (!verdict.valid) throw new CliError(`receipt NOT valid: ${verdict.reason}`);
  out.stdout(
    `receipt valid: ${verdict.type} of ${verdict.stream} is leaf ${verdict.leafIndex} of the log at checkpoint ` +
      `${verdict.treeSize} leaves, root ${verdict.rootHash}, signed ${verdict.issuedAt} by key ${verdict.keyId}`,
  );
}

async function verifyConsistencyCommand(args: string[], out: Output): Promise<void> {
  const { values, positionals } = parse(args, { 'public-key': { type: 'string' }, 'old-public-key': { type: 'string' } });
  if (positionals.length !== 3 || !values['public-key'])
    throw usageError('audit verify-consistency needs OLD.json NEW.json PROOF.json and --public-key KEY.pem');
  const [older, newer, proof] = positionals.map((file) => readJson(file));
  const key = await publicKey(values['public-key']);
  const olderKey = values['old-public-key'] ? await publicKey(values['old-public-key']) : key;
  const verdict = await verifyCheckpointConsistency(checkpointIn(older), checkpointIn(newer), proof, key, olderKey);
  if (!verdict.valid) throw new CliError(`NOT consistent: ${verdict.reason}`);
  out.stdout(`consistent: the log of ${verdict.fromTreeSize} leaves is a prefix of the log of ${verdict.toTreeSize} leaves`);
}

async function verifyLogCommand(args: string[], out: Output): Promise<void> {
  const { values, positionals } = parse(args, {
    checkpoint: { type: 'string' },
    'public-key': { type: 'string' },
    url: { type: 'string' },
    token: { type: 'string' },
  });
  if (positionals.length !== 0 || !values.checkpoint) throw usageError('audit verify needs --checkpoint FILE and --data-dir DIR or --url URL');
  const kept = checkpointIn(readJson(values.checkpoint as string));
  if (values.url) return verifyOverApi(values.url as string, kept, values, out);
  const settings = storeSettings(values as { store?: string; 'data-dir'?: string; 'connection-string'?: string }, process.env);
  Logger.overrideLogger(false);
  // Verbatim: the leaves are the stored bytes, and a malformed event must be reported, not break the read.
  const store = openConfiguredStore(settings, EventSerializer.verbatim());
  const db = openReadModelDatabase(store, settings);
  try {
    const key = await publicKey((values['public-key'] as string | undefined) ?? `${settings.dataDir}/audit-signing-key.pem`, true);
    const body = await checkpointBody(kept, key);
    const result = await verifyStoreLog(store, { tree: storedTree(db, body, out), checkpoint: body });
    report(result, out);
  } finally {
    if (db.open) db.close();
    await store.close();
  }
}

function storedTree(db: Database.Database, checkpoint: CheckpointBody, out: Output): SqliteTreeStore | undefined {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_tree_nodes'").get();
  if (!exists) return undefined;
  const tree = new SqliteTreeStore(db, nativeHasher);
  if (tree.size < checkpoint.treeSize) {
    out.stderr(`policyctl: the stored tree has ${tree.size} leaves, fewer than the checkpoint's ${checkpoint.treeSize}: checking against the checkpoint alone`);
    return undefined;
  }
  const root = toHex(tree.rootAt(checkpoint.treeSize));
  if (root !== checkpoint.rootHash) {
    out.stderr(`policyctl: the stored tree's root at ${checkpoint.treeSize} leaves is ${root}, not the checkpoint's: the tree tables were altered too`);
    return undefined;
  }
  return tree;
}

async function verifyOverApi(url: string, kept: unknown, values: Record<string, unknown>, out: Output): Promise<void> {
  const base = url.replace(/\/(graphql)?$/, '');
  const token = (values.token as string | undefined) ?? process.env.POLICYCTL_TOKEN;
  const keyPem = values['public-key']
    ? readFileSync(values['public-key'] as string, 'utf8')
    : await fetchText(`${base}/.well-known/policy-ledger/audit-key.pem`);
  const key = await nodeCheckpointKey(keyPem);
  const body = await checkpointBody(kept, key);
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await response.json()) as { data?: Record<string, any>; errors?: { message: string }[] };
    if (answer.errors?.length) throw new CliError(`the API answered: ${answer.errors.map((e) => e.message).join('; ')}`);
    return answer.data!;
  };
  const { auditCheckpoint: latest } = await gql('{ auditCheckpoint { treeSize rootHash issuedAt keyId signature document } }', {});
  const { auditConsistencyProof: proof } = await gql(
    'query($from: Float!, $to: Float) { auditConsistencyProof(fromTreeSize: $from, toTreeSize: $to) { fromTreeSize toTreeSize hashes } }',
    {
      from: body.treeSize,
      to: latest.treeSize,
    },
  );
  const verdict = await verifyCheckpointConsistency(kept, latest, proof, key);
  if (!verdict.valid) throw new CliError(`NOT valid: the log served at ${base} does not extend the kept checkpoint: ${verdict.reason}`);
  out.stdout(`valid: the log at ${base} (checkpoint of ${verdict.toTreeSize} leaves) extends the kept checkpoint of ${verdict.fromTreeSize} leaves`);
}

function report(result: LogVerification, out: Output): void {
  if (!result.ok) throw new CliError(`NOT valid: first failing index ${result.firstBrokenIndex}: ${result.firstBrokenAt}`);
  out.stdout(
    `valid: ${result.eventsChecked} events in ${result.streamsChecked} streams; the first ${result.checkpointTreeSize} match the kept checkpoint, every hash chain holds`,
  );
}

async function checkpointBody(checkpoint: unknown, key: CheckpointKey): Promise<CheckpointBody> {
  const verdict = await verifyCheckpoint(checkpoint, key);
  if (!verdict.valid) throw new CliError(`the kept checkpoint is NOT valid: ${verdict.reason}`);
  return verdict.body;
}

/** A checkpoint file may hold the checkpoint itself, a receipt, or a GraphQL answer holding one. */
function checkpointIn(value: unknown): unknown {
  const v = value as Record<string, any>;
  return v?.document ? v : (v?.checkpoint ?? v?.data?.auditCheckpoint ?? v?.auditCheckpoint ?? v);
}

async function publicKey(file: string, fromDataDir = false): Promise<CheckpointKey> {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    throw usageError(`cannot read the public key ${file}`);
  }
  if (fromDataDir) {
    // The data directory holds the private key: derive its public half (better: pass --public-key).
    const { createPublicKey } = await import('node:crypto');
    pem = createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
  }
  try {
    return await nodeCheckpointKey(pem);
  } catch {
    throw new CliError(`${file} is not an Ed25519 public key in PEM (SPKI)`);
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read JSON from ${file}: ${(error as Error).message}`);
  }
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new CliError(`${url} answered ${response.status}`);
  return response.text();
}

function parse(args: string[], options: Record<string, { type: 'string' }>): { values: Record<string, string | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...STORE_OPTIONS, ...options }, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | undefined>, positionals };
  } catch (error) {
    throw usageError((error as Error).message);
  }
}
