import { importPublicKey, verifyReceipt } from '#audit';

export type ReceiptCheck = { valid: true; leafIndex: number; treeSize: number; issuedAt: string; keyId: string } | { valid: false; reason: string };

/** Where the API serves the log's public key (PEM, SPKI, Ed25519). */
export const AUDIT_KEY_URL = '/.well-known/policy-ledger/audit-key.pem';

/**
 * Checks, in this browser, that the receipt proves this ruling: its event hashes to the leaf, the
 * checkpoint's signature holds under the log's public key, the inclusion proof leads to the
 * checkpoint's root (libs/audit's verifyReceipt, the same code as `policyctl audit
 * verify-receipt`), and the event is this ruling's, with the outcome and state hash shown.
 */
export async function checkReceipt(receipt: unknown, ruling: { id: string; outcome: string; stateHash: string }): Promise<ReceiptCheck> {
  const response = await fetch(AUDIT_KEY_URL);
  if (!response.ok) return { valid: false, reason: `the log's public key could not be fetched (${response.status})` };
  let verdict;
  try {
    verdict = await verifyReceipt(receipt, await importPublicKey(await response.text()));
  } catch (error) {
    return { valid: false, reason: `the receipt could not be checked: ${(error as Error).message}` };
  }
  if (!verdict.valid) return verdict;
  const event = (receipt as { event: { stream: string; data: { result?: { outcome?: string; policyVersion?: { stateHash?: string } } } } }).event;
  if (event.stream !== `determination-${ruling.id}`) return { valid: false, reason: `the receipt is for ${event.stream}, not this ruling` };
  const recorded = event.data.result;
  if (recorded?.outcome !== ruling.outcome || recorded.policyVersion?.stateHash !== ruling.stateHash) {
    return { valid: false, reason: 'the recorded event does not say what this page shows (outcome or policy state hash differ)' };
  }
  return { valid: true, leafIndex: verdict.leafIndex, treeSize: verdict.treeSize, issuedAt: verdict.issuedAt, keyId: verdict.keyId };
}
