import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { usageError } from '../cli-error.js';
import type { Output } from '../output.js';
import { parseStoreArgs, storeSettings } from '../store-options.js';
import { apiSigningKey, checkpointFileOf, writeBackupCheckpoint } from './backup-checkpoint.js';
import { backupStoreFile, inspectStoreFile, STORE_FILE } from './store-file.js';

/**
 * `policyctl backup FILE`: a consistent copy of the embedded store (events, read models and their
 * checkpoints: one file) while the API runs, and beside it FILE.checkpoint.json, an audit
 * checkpoint signed with the API's key over exactly the log the copy holds. Prints what the copy
 * holds as JSON.
 */
export async function backup(args: string[], out: Output): Promise<void> {
  const { values, positionals } = parseStoreArgs(args);
  if (positionals.length !== 1) throw usageError('backup takes one file to write');
  const settings = storeSettings(values, process.env);
  if (settings.kind !== 'sqlite') {
    throw usageError('backup copies the embedded SQLite store; back up EventStoreDB/KurrentDB with its own procedure (docs/operations.md)');
  }
  const destination = resolve(positionals[0]!);
  for (const file of [destination, checkpointFileOf(destination)]) {
    if (existsSync(file)) throw usageError(`${file} exists; backup never overwrites a file`);
  }
  const source = join(settings.dataDir, STORE_FILE);
  if (!existsSync(source)) throw usageError(`no store to back up: ${resolve(source)} does not exist`);
  const key = await apiSigningKey(process.env.AUDIT_SIGNING_KEY, settings.dataDir);
  await backupStoreFile(source, destination);
  try {
    const summary = await inspectStoreFile(destination);
    const { file } = await writeBackupCheckpoint(summary, key, new Date());
    out.stdout(JSON.stringify({ ...summary, checkpoint: file }));
  } catch (error) {
    rmSync(destination, { force: true });
    throw error;
  }
}
