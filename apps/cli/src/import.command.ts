import { openConfiguredStore, SYSTEM_ACTOR } from '#api-kit';
import { importPolicyDocuments } from '#policy';
import { loadPolicyDirectory } from '#policy-files';
import { usageError } from './cli-error.js';
import type { Output } from './output.js';
import { parseStoreArgs, storeSettings } from './store-options.js';
import { policyDirectories } from './validate.command.js';

/** `policyctl import <dir>`: records the policy files not yet in the store as published changes (idempotent). */
export async function importPolicies(args: string[], out: Output): Promise<void> {
  const { values, positionals } = parseStoreArgs(args);
  if (positionals.length !== 1) throw usageError('import takes one directory');
  const loaded = policyDirectories(positionals[0]).map((dir) => ({ dir, ...loadPolicyDirectory(dir) }));
  const settings = storeSettings(values, process.env);
  const store = openConfiguredStore(settings);
  try {
    for (const { dir, policyId, documents, files } of loaded) {
      const summary = await importPolicyDocuments(store, policyId, documents, SYSTEM_ACTOR, files);
      out.stdout(
        `imported ${dir}: policy ${policyId}, ${summary.imported.length} new, ${summary.alreadyPresent.length} already recorded, head position ${summary.position}`,
      );
    }
  } finally {
    await store.close();
  }
}
