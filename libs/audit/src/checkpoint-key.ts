import type { CryptoKey } from 'jose';

/**
 * The log's public key as verification uses it, imported once per key (not once per receipt):
 * the key id checkpoints name, and an Ed25519 signature check. Browsers fill it with WebCrypto
 * (webCryptoCheckpointKey); Node callers can pass node:crypto's synchronous one
 * (libs/audit-log's nodeCheckpointKey). Both accept and refuse the same signatures.
 */
export interface CheckpointKey {
  /** RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key. */
  readonly keyId: string;
  /** Whether `signature` is this key's Ed25519 signature of `message`. */
  verifies(message: Uint8Array, signature: Uint8Array): boolean | Promise<boolean>;
}

export function isCheckpointKey(key: CryptoKey | CheckpointKey): key is CheckpointKey {
  return typeof (key as CheckpointKey).verifies === 'function';
}

/** A WebCrypto Ed25519 public key (importPublicKey's) as a CheckpointKey, its id computed once. */
export function webCryptoCheckpointKey(publicKey: CryptoKey, keyId: string): CheckpointKey {
  return {
    keyId,
    verifies: (message, signature) => crypto.subtle.verify('Ed25519', publicKey, signature as Uint8Array<ArrayBuffer>, message as Uint8Array<ArrayBuffer>),
  };
}
