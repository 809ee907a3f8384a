import { parseArgs } from 'node:util';
import type { StoreSettings } from '#api-kit';
import { usageError } from './cli-error.js';

const KINDS = ['sqlite', 'eventstoredb', 'memory'] as const;

/**
 * Which store a command works on: the API's own settings (EVENT_STORE, DATA_DIR,
 * EVENTSTORE_CONNECTION_STRING), overridden by --store, --data-dir and --connection-string.
 */
export function storeSettings(values: { store?: string; 'data-dir'?: string; 'connection-string'?: string }, env: NodeJS.ProcessEnv): StoreSettings {
  const kind = values.store ?? env.EVENT_STORE ?? 'sqlite';
  if (!(KINDS as readonly string[]).includes(kind)) throw usageError(`--store must be one of ${KINDS.join(', ')}, not '${kind}'`);
  if (kind === 'memory') throw usageError('--store memory keeps nothing: name sqlite or eventstoredb');
  const connectionString = values['connection-string'] ?? env.EVENTSTORE_CONNECTION_STRING;
  if (kind === 'eventstoredb' && !connectionString) throw usageError('--store eventstoredb needs --connection-string or EVENTSTORE_CONNECTION_STRING');
  return { kind: kind as StoreSettings['kind'], dataDir: values['data-dir'] ?? env.DATA_DIR ?? './data', connectionString };
}

export const STORE_OPTIONS = {
  store: { type: 'string' },
  'data-dir': { type: 'string' },
  'connection-string': { type: 'string' },
} as const;

export function parseStoreArgs(args: string[]) {
  try {
    return parseArgs({ args, options: STORE_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}
