import * as crypto from 'node:crypto';
import { MerkleHasher } from '#audit';

// crypto.hash (one call, no Hash object) is several times faster for small inputs; Node >= 20.12.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array | string, encoding: 'buffer') => Buffer }).hash;

/** RFC 9162 hashing with Node's native SHA-256: the server builds the tree with it (same bytes as the pure one). */
export const nativeHasher = new MerkleHasher(
  oneShot ? (bytes) => oneShot('sha256', bytes, 'buffer') : (bytes) => crypto.createHash('sha256').update(bytes).digest(),
  oneShot ? (text) => oneShot('sha256', text, 'buffer') : (text) => crypto.createHash('sha256').update(text, 'utf8').digest(),
);
