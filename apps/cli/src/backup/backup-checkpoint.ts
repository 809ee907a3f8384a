import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signCheckpoint, type SignedCheckpoint } from '#audit';
import { KEY_FILE, loadSigningKey, type AuditSigningKey } from '#audit-log';
import { CliError, usageError } from '../cli-error.js';
import type { StoreFileSummary } from './store-file.js';

/** Where a backup's checkpoint is written: beside the backup, so the two travel together. */
export const checkpointFileOf = (backupFile: string): string => `${backupFile}.checkpoint.json`;

/**
 * The key the API signs its checkpoints with, found as the API finds it (AUDIT_SIGNING_KEY, else
 * the data directory's key file). Never creates one: a key made here would sign for no API.
 */
export async function apiSigningKey(configured: string | undefined, dataDir: string): Promise<AuditSigningKey> {
  if (!configured && !existsSync(join(dataDir, KEY_FILE))) {
    throw usageError(`no audit signing key: set AUDIT_SIGNING_KEY as the API has it, or back up a data directory holding ${KEY_FILE}`);
  }
  try {
    return await loadSigningKey(configured, dataDir);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

/**
 * A signed checkpoint of exactly what a backup holds: its whole log as a tree, the same tree the
 * API's checkpoints sign, so the API's own log proves consistent with it and a restored store
 * verifies against it (`policyctl audit verify --checkpoint`). Written with 'wx': never overwrites.
 */
export async function writeBackupCheckpoint(
  backup: StoreFileSummary,
  key: AuditSigningKey,
  now: Date,
): Promise<{ file: string; checkpoint: SignedCheckpoint }> {
  const checkpoint = await signCheckpoint(
    { treeSize: backup.treeSize, rootHash: backup.rootHash, issuedAt: now.toISOString(), keyId: key.keyId },
    key.privateKey,
  );
  const file = checkpointFileOf(backup.file);
  writeFileSync(file, `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: 'wx' });
  return { file, checkpoint };
}
