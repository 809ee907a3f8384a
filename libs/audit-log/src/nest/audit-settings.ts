/** Injection token of the audit record's settings (the API provides them from its configuration). */
export const AUDIT_SETTINGS = Symbol('AUDIT_SETTINGS');

export interface AuditSettings {
  /** false: no tree, no checkpoints, no receipts (AUDIT_TREE=off, for the benchmark's comparison). */
  tree: boolean;
  checkpointIntervalMs: number;
  /** AUDIT_SIGNING_KEY: a PKCS#8 PEM or a file path; unset, the data directory's key file. */
  signingKey: string | undefined;
  dataDir: string;
  /** How long a receipt waits for the tree to apply a just-written event (ms). */
  receiptWaitMs: number;
}
