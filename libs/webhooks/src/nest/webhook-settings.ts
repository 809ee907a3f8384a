import type { RetrySchedule } from '../delivery/retry-schedule.js';

/** Injection token of the webhooks' settings (the API provides them from its WEBHOOK_* configuration). */
export const WEBHOOK_SETTINGS = Symbol('WEBHOOK_SETTINGS');

export interface WebhookSettings {
  dataDir: string;
  /** WEBHOOK_SECRETS_KEY: 32 bytes in base64, or a file holding them; unset, the data directory's key file. */
  secretsKey: string | undefined;
  /** One attempt's deadline (ms). */
  timeoutMs: number;
  /** Attempts in flight at once on the delivering node. */
  concurrency: number;
  retry: RetrySchedule;
  /** The dispatch lease's length (ms); at least twice the timeout. */
  leaseMs: number;
  /** false: receivers on loopback and private addresses are refused too (WEBHOOK_PRIVATE_ADDRESSES=deny). */
  allowPrivateAddresses: boolean;
}
