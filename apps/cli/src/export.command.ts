import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { openConfiguredStore } from '#api-kit';
import { exportPolicyFiles, type PolicyExport } from '#policy-files';
import { CliError, usageError } from './cli-error.js';
import type { Output } from './output.js';
import { policyDirectoryIn, readStoredPolicies } from './stored-policies.js';
import { STORE_OPTIONS, storeSettings } from './store-options.js';

/**
 * `policyctl export <dir> [--policy <id>]`: the store's recorded policy history as policy files,
 * one per legal action, under `<dir>/<policyId>/`. Files the store does not hold are removed from
 * there, so the directory becomes the store's; other files (a README) are left alone.
 */
export async function exportPolicies(args: string[], out: Output): Promise<void> {
  const { values, positionals } = parseOptions(args);
  if (positionals.length !== 1) throw usageError('export takes one directory');
  const [dir] = positionals as [string];
  const settings = storeSettings(values, process.env);
  Logger.overrideLogger(false);
  const store = openConfiguredStore(settings);
  let exports: PolicyExport[];
  try {
    const policies = await readStoredPolicies(store, values.policy);
    if (policies.length === 0) throw new CliError(values.policy ? `the store holds no policy '${values.policy}'` : 'the store holds no policy');
    // Every policy is laid out and checked before anything is written: all or nothing.
    exports = policies.map(({ policyId, recorded, titles }) => exportPolicyFiles(policyId, recorded, titles));
  } finally {
    await store.close();
  }
  for (const exported of exports) {
    const target = policyDirectoryIn(dir, exported.policyId);
    const { written, removed } = writePolicyDirectory(target, exported);
    for (const warning of exported.warnings) out.stderr(`policyctl: warning: ${warning}`);
    for (const name of removed) out.stdout(`removed ${join(target, name)}: not in the store`);
    const asImported = exported.files.filter((file) => file.asImported).length;
    out.stdout(
      `exported policy ${exported.policyId} to ${target}: ${exported.files.length} files (${asImported} as imported, ${exported.files.length - asImported} laid out from the store), ${written} changed on disk`,
    );
  }
}

/** Writes the files that differ from what is on disk and removes the policy files the export does not hold. */
export function writePolicyDirectory(target: string, exported: Pick<PolicyExport, 'files'>, removeOthers = true): { written: number; removed: string[] } {
  mkdirSync(target, { recursive: true });
  let written = 0;
  for (const file of exported.files) {
    const path = join(target, file.name);
    if (existsSync(path) && readFileSync(path, 'utf8') === file.text) continue;
    writeFileSync(path, file.text);
    written++;
  }
  const names = new Set(exported.files.map((file) => file.name));
  const removed = removeOthers ? readdirSync(target).filter((name) => /\.ya?ml$/.test(name) && !names.has(name)) : [];
  for (const name of removed) rmSync(join(target, name));
  return { written, removed: removed.sort() };
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({ args, options: { ...STORE_OPTIONS, policy: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}
