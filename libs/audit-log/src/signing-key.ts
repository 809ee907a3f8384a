import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPKCS8, type CryptoKey } from 'jose';
import { importPublicKey, keyIdOf } from '#audit';

/** The log's Ed25519 signing key: the private half signs checkpoints, the public half is published. */
export interface AuditSigningKey {
  privateKey: CryptoKey;
  /** PEM, SubjectPublicKeyInfo: what /.well-known/policy-ledger/audit-key.pem serves. */
  publicKeyPem: string;
  /** RFC 7638 thumbprint of the public key: the key id every checkpoint names. */
  keyId: string;
  /** Where it came from: the AUDIT_SIGNING_KEY setting, or the data directory's key file (created on first start). */
  source: 'AUDIT_SIGNING_KEY' | string;
}

export const KEY_FILE = 'audit-signing-key.pem';

/**
 * The key from `configured` (AUDIT_SIGNING_KEY: a PKCS#8 PEM, or the path of a file holding one),
 * else the data directory's key file, created (mode 0600) when absent. Every node of a cluster
 * must be given the same key (docs/operations.md).
 */
export async function loadSigningKey(configured: string | undefined, dataDir: string): Promise<AuditSigningKey> {
  let pem: string;
  let source: string;
  if (configured) {
    pem = configured.trimStart().startsWith('-----BEGIN') ? configured : readFileSync(configured, 'utf8');
    source = 'AUDIT_SIGNING_KEY';
  } else {
    const file = join(dataDir, KEY_FILE);
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    }
    pem = readFileSync(file, 'utf8');
    source = file;
  }
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(pem);
  } catch {
    throw new Error(`${source === 'AUDIT_SIGNING_KEY' ? 'AUDIT_SIGNING_KEY' : source} is not a PEM private key`);
  }
  if (keyObject.asymmetricKeyType !== 'ed25519') throw new Error(`${source}: the audit signing key must be Ed25519, not ${keyObject.asymmetricKeyType}`);
  const publicKeyPem = createPublicKey(keyObject).export({ type: 'spki', format: 'pem' }).toString();
  const privateKey = await importPKCS8(keyObject.export({ type: 'pkcs8', format: 'pem' }).toString(), 'EdDSA');
  return { privateKey, publicKeyPem, keyId: await keyIdOf(await importPublicKey(publicKeyPem)), source };
}
