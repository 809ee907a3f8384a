import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { openConfiguredStore } from '#api-kit';
import { loadPolicyDirectory, policyDrift, type PolicyDirectory } from '#policy-files';
import { CliError, usageError } from './cli-error.js';
import type { Output } from './output.js';
import { readStoredPolicies } from './stored-policies.js';
import { STORE_OPTIONS, storeSettings } from './store-options.js';
import { policyDirectories } from './validate.command.js';

/**
 * `policyctl drift <dir>`: every difference between the policy files and the store, one line
 * each on stdout; exits 1 when there is any, so a policy repository's CI can gate on it.
 */
export async function drift(args: string[], out: Output): Promise<void> {
  const { values, positionals } = parseOptions(args);
  if (positionals.length !== 1) throw usageError('drift takes one directory');
  const [dir] = positionals as [string];
  // An invalid directory is reported as such (every problem, exit 1): it cannot match anything.
  const directories = new Map<string, { path: string; loaded: PolicyDirectory }>();
  for (const path of policyDirectories(dir)) {
    const loaded = loadPolicyDirectory(path);
    directories.set(loaded.policyId, { path, loaded });
  }
  const settings = storeSettings(values, process.env);
  Logger.overrideLogger(false);
  const store = openConfiguredStore(settings);
  let stored;
  try {
    stored = await readStoredPolicies(store);
  } finally {
    await store.close();
  }
  const policyIds = [...new Set([...directories.keys(), ...stored.map((policy) => policy.policyId)])].sort();
  let differences = 0;
  let actions = 0;
  for (const policyId of policyIds) {
    const directory = directories.get(policyId);
    const recorded = stored.find((policy) => policy.policyId === policyId)?.recorded ?? [];
    const where = directory?.path ?? join(dir, policyId);
    if (!directory) out.stdout(`${where}: policy ${policyId} is recorded in the store but has no directory here`);
    if (recorded.length === 0) out.stdout(`${where}: policy ${policyId} is not recorded in the store`);
    differences += (directory ? 0 : 1) + (recorded.length === 0 ? 1 : 0);
    for (const difference of policyDrift(directory?.loaded ?? null, recorded)) {
      out.stdout(difference.file ? `${join(where, difference.file)}: ${difference.message}` : `${where}: ${difference.message}`);
      differences++;
    }
    actions += directory?.loaded.documents.length ?? 0;
  }
  if (differences > 0) throw new CliError(`${differences} difference${differences === 1 ? '' : 's'} between ${dir} and the store`);
  out.stdout(`no drift: ${dir} holds the store's policy history (${policyIds.join(', ')}: ${actions} legal actions)`);
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({ args, options: STORE_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}
