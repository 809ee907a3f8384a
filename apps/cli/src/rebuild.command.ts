import { Logger } from '@nestjs/common';
import { openConfiguredStore, openReadModelDatabase } from '#api-kit';
import { documentPlacement, rebuildDeterminationsReadModel } from '#determinations';
import { usageError } from './cli-error.js';
import type { Output } from './output.js';
import { parseStoreArgs, storeSettings } from './store-options.js';

/** `policyctl rebuild`: drops the read models and replays them from the store. */
export async function rebuild(args: string[], out: Output): Promise<void> {
  const { values, positionals } = parseStoreArgs(args);
  if (positionals.length !== 0) throw usageError('rebuild takes no arguments');
  const settings = storeSettings(values, process.env);
  // The projection logs through Nest's logger, which writes to stdout: keep stdout for the result.
  Logger.overrideLogger(false);
  const store = openConfiguredStore(settings);
  const db = openReadModelDatabase(store, settings);
  try {
    const { rows, position } = await rebuildDeterminationsReadModel(store, db, documentPlacement(settings.kind));
    out.stdout(`rebuilt determinations: ${rows} rows, up to position ${position}`);
  } finally {
    if (db.open) db.close();
    await store.close();
  }
}
