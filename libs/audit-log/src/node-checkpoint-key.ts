import { createHash, createPublicKey, verify } from 'node:crypto';
import type { CheckpointKey } from '#audit';

/**
 * A PEM (SPKI) Ed25519 public key as a CheckpointKey on node:crypto: imported once, its id
 * computed once, each signature checked synchronously (WebCrypto's verify is asynchronous and
 * runs on the thread pool, whose round trip was most of a receipt's verification time).
 * @throws Error when the PEM is not an Ed25519 public key
 */
export function nodeCheckpointKey(pem: string): CheckpointKey {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 public key (${String(key.asymmetricKeyType)})`);
  const { x } = key.export({ format: 'jwk' });
  // RFC 7638: the required members in lexicographic order, no whitespace (what jose's keyIdOf hashes).
  const keyId = createHash('sha256')
    .update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x }))
    .digest('base64url');
  return { keyId, verifies: (message, signature) => verify(null, message, key, signature) };
}
