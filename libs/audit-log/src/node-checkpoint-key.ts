import { createPublicKey, verify } from 'node:crypto';
import { keyIdOf, type CheckpointKey } from '#audit';

/**
 * A PEM (SPKI) Ed25519 public key as a CheckpointKey on node:crypto: imported once, its id
 * computed once (keyIdOf, as every other key's), each signature checked synchronously
 * (WebCrypto's verify is asynchronous and runs on the thread pool, whose round trip was most of a
 * receipt's verification time).
 * @throws Error when the PEM is not an Ed25519 public key
 */
export async function nodeCheckpointKey(pem: string): Promise<CheckpointKey> {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 public key (${String(key.asymmetricKeyType)})`);
  return { keyId: await keyIdOf(key), verifies: (message, signature) => verify(null, message, key, signature) };
}
