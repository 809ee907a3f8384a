import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { usageError } from '../cli-error.js';
import type { Output } from '../output.js';
import { parseStoreArgs, storeSettings } from '../store-options.js';
import { inspectStoreFile, requireEmptyDataDir, STORE_FILE } from './store-file.js';

/**
 * `policyctl restore FILE`: puts a backup in place as the embedded store of an empty data
 * directory, after checking it (SQLite integrity, every hash chain). The API started on that
 * directory resumes its read models from the checkpoints in the file.
 */
export async function restore(args: string[], out: Output): Promise<void> {
  const { values, positionals } = parseStoreArgs(args);
  if (positionals.length !== 1) throw usageError('restore takes one backup file');
  const settings = storeSettings(values, process.env);
  if (settings.kind !== 'sqlite') throw usageError('restore writes the embedded SQLite store; restore EventStoreDB/KurrentDB with its own procedure');
  const backupFile = resolve(positionals[0]!);
  if (!existsSync(backupFile)) throw usageError(`${backupFile} does not exist`);
  requireEmptyDataDir(settings.dataDir);
  await inspectStoreFile(backupFile);
  mkdirSync(settings.dataDir, { recursive: true });
  const target = join(settings.dataDir, STORE_FILE);
  copyFileSync(backupFile, target);
  try {
    out.stdout(JSON.stringify(await inspectStoreFile(target)));
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
}
