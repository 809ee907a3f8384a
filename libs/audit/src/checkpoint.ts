import { base64url, calculateJwkThumbprint, exportJWK, FlattenedSign, importSPKI, type CryptoKey } from 'jose';
import { canonicalJson } from '#domain/canonical-json';
import { isCheckpointKey, webCryptoCheckpointKey, type CheckpointKey } from './checkpoint-key.js';
import { isTreeSize } from './tree-shape.js';

export const CHECKPOINT_FORMAT = 'policy-ledger/checkpoint/v1';
const JWS_TYPE = 'policy-ledger-checkpoint+json';

/** What a checkpoint states: the log had `treeSize` leaves with this root at `issuedAt`, signed by `keyId`. */
export interface CheckpointBody {
  treeSize: number;
  /** Lowercase hex of the RFC 9162 root hash. */
  rootHash: string;
  /** ISO-8601 UTC. */
  issuedAt: string;
  /** RFC 7638 JWK thumbprint (SHA-256, base64url) of the signing key's public half. */
  keyId: string;
}

/**
 * A signed checkpoint. `document` is the exact signed text (canonical JSON of the body plus
 * `format`); `signature` is a JWS (RFC 7515) in compact serialization with a detached payload,
 * `<protected header>..<signature>`, alg EdDSA (Ed25519), over that document. The other fields
 * repeat the document's for readers; a verifier trusts only the document.
 */
export interface SignedCheckpoint extends CheckpointBody {
  signature: string;
  document: string;
}

export function checkpointDocument(body: CheckpointBody): string {
  return canonicalJson({ format: CHECKPOINT_FORMAT, issuedAt: body.issuedAt, keyId: body.keyId, rootHash: body.rootHash, treeSize: body.treeSize });
}

export async function signCheckpoint(body: CheckpointBody, privateKey: CryptoKey | Uint8Array | object): Promise<SignedCheckpoint> {
  const document = checkpointDocument(body);
  const jws = await new FlattenedSign(new TextEncoder().encode(document))
    .setProtectedHeader({ alg: 'EdDSA', kid: body.keyId, typ: JWS_TYPE })
    .sign(privateKey as CryptoKey);
  return { ...body, document, signature: `${jws.protected}..${jws.signature}` };
}

/** The public key of a PEM (SPKI) Ed25519 key, for verification. */
export async function importPublicKey(pem: string): Promise<CryptoKey> {
  return importSPKI(pem.trim(), 'EdDSA', { extractable: true });
}

/** A PEM (SPKI) Ed25519 public key imported once for verifying many checkpoints (WebCrypto). */
export async function importCheckpointKey(pem: string): Promise<CheckpointKey> {
  const publicKey = await importPublicKey(pem);
  return webCryptoCheckpointKey(publicKey, await keyIdOf(publicKey));
}

/** The key id checkpoints name: the RFC 7638 thumbprint of the public key's JWK. */
export async function keyIdOf(publicKey: CryptoKey | object): Promise<string> {
  const jwk = await exportJWK(publicKey as CryptoKey);
  return calculateJwkThumbprint({ kty: jwk.kty!, crv: jwk.crv!, x: jwk.x! }, 'sha256');
}

export type Verdict<T = object> = ({ valid: true } & T) | { valid: false; reason: string };

/**
 * Checks a checkpoint against a public key: the signature over `document`, the key id, and that
 * the document says what the checkpoint's fields say. Returns the signed body when valid. Pass a
 * CheckpointKey (importCheckpointKey) to verify many: a CryptoKey has its id derived on every call.
 */
export async function verifyCheckpoint(checkpoint: unknown, publicKey: CryptoKey | CheckpointKey): Promise<Verdict<{ body: CheckpointBody }>> {
  const c = checkpoint as Partial<SignedCheckpoint> | null;
  if (!c || typeof c !== 'object' || typeof c.document !== 'string' || typeof c.signature !== 'string')
    return { valid: false, reason: 'the checkpoint has no document or signature' };
  let body: CheckpointBody & { format?: unknown };
  try {
    body = JSON.parse(c.document) as CheckpointBody & { format?: unknown };
  } catch {
    return { valid: false, reason: 'the checkpoint document is not JSON' };
  }
  if (body.format !== CHECKPOINT_FORMAT) return { valid: false, reason: `the checkpoint document's format is not ${CHECKPOINT_FORMAT}` };
  if (!isTreeSize(body.treeSize) || typeof body.rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(body.rootHash))
    return { valid: false, reason: 'the checkpoint document has no valid treeSize and rootHash' };
  if (checkpointDocument(body) !== c.document) return { valid: false, reason: 'the checkpoint document is not in canonical form' };
  const key = isCheckpointKey(publicKey) ? publicKey : webCryptoCheckpointKey(publicKey, await keyIdOf(publicKey));
  if (body.keyId !== key.keyId) return { valid: false, reason: `signed by key ${String(body.keyId)}, but the public key given is ${key.keyId}` };
  const [header, empty, signature] = c.signature.split('.');
  if (header === undefined || empty !== '' || signature === undefined) return { valid: false, reason: 'the signature is not a detached compact JWS' };
  const protectedHeader = headerOf(header);
  if (!protectedHeader) return { valid: false, reason: 'the signature is not a detached compact JWS' };
  // RFC 7515 section 5.2, for the one algorithm checkpoints use: no other, and no extension this verifier would have to understand.
  if (protectedHeader.alg !== 'EdDSA' || 'crit' in protectedHeader || 'b64' in protectedHeader)
    return { valid: false, reason: 'the signature does not verify with this public key' };
  if (!(await signatureHolds(key, `${header}.${base64url.encode(c.document)}`, signature)))
    return { valid: false, reason: 'the signature does not verify with this public key' };
  if (protectedHeader.kid !== body.keyId) return { valid: false, reason: 'the signature names another key id' };
  for (const field of ['treeSize', 'rootHash', 'issuedAt', 'keyId'] as const) {
    if (c[field] !== undefined && c[field] !== body[field]) return { valid: false, reason: `the checkpoint's ${field} differs from its signed document` };
  }
  return { valid: true, body: { treeSize: body.treeSize, rootHash: body.rootHash, issuedAt: body.issuedAt, keyId: body.keyId } };
}

/** The JWS protected header (base64url of a JSON object), or undefined when it is not one. */
function headerOf(encoded: string): Record<string, unknown> | undefined {
  try {
    const header: unknown = JSON.parse(new TextDecoder().decode(base64url.decode(encoded)));
    return header !== null && typeof header === 'object' && !Array.isArray(header) ? (header as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function signatureHolds(key: CheckpointKey, signingInput: string, signature: string): Promise<boolean> {
  try {
    return await key.verifies(new TextEncoder().encode(signingInput), base64url.decode(signature));
  } catch {
    return false;
  }
}
