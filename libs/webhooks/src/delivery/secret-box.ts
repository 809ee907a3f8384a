import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A webhook's signing secret as it is stored in the log: AES-256-GCM under the node's key, bound to the webhook. */
export interface SealedSecret {
  alg: 'A256GCM';
  /** Which key sealed it (a fingerprint, not the key). */
  keyId: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

export const KEY_FILE = 'webhook-secrets.key';
const KEY_BYTES = 32;

/**
 * Seals and opens webhook signing secrets (docs/adr/021-webhooks.md). The log is readable by
 * everyone who may read the audit record, so a secret stored in clear would let any reader forge
 * deliveries; sealed, only a holder of WEBHOOK_SECRETS_KEY can. The webhook id is the
 * authenticated data, so a sealed secret copied onto another webhook does not open.
 */
export class SecretBox {
  readonly keyId: string;

  private constructor(private readonly key: Buffer) {
    this.keyId = createHash('sha256').update('policy-ledger webhook secrets key\0').update(key).digest('hex').slice(0, 16);
  }

  /**
   * The key from `configured` (WEBHOOK_SECRETS_KEY: 32 bytes in base64 or base64url, or the path of
   * a file holding them), else the data directory's key file, created (mode 0600) when absent.
   * Every node of a cluster must be given the same key (docs/operations.md).
   */
  static load(configured: string | undefined, dataDir: string): SecretBox {
    if (configured) return new SecretBox(decodeKey(existsSync(configured) ? readFileSync(configured, 'utf8') : configured, 'WEBHOOK_SECRETS_KEY'));
    const file = join(dataDir, KEY_FILE);
    if (!existsSync(file)) createKeyFile(file, dataDir);
    return new SecretBox(decodeKey(readFileSync(file, 'utf8'), file));
  }

  /** A box over a given key (tests, tools). */
  static of(key: Buffer): SecretBox {
    if (key.length !== KEY_BYTES) throw new Error(`a webhook secrets key is ${KEY_BYTES} bytes, not ${key.length}`);
    return new SecretBox(key);
  }

  seal(secret: string, webhookId: string): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(webhookId));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return {
      alg: 'A256GCM',
      keyId: this.keyId,
      iv: iv.toString('base64url'),
      ciphertext: ciphertext.toString('base64url'),
      tag: cipher.getAuthTag().toString('base64url'),
    };
  }

  /** The secret, or undefined when this key did not seal it (another node's key, a rotated key) or it was altered. */
  open(sealed: SealedSecret, webhookId: string): string | undefined {
    if (sealed.alg !== 'A256GCM' || sealed.keyId !== this.keyId) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64url')).setAAD(Buffer.from(webhookId));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

function decodeKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, /[+/]/.test(trimmed) ? 'base64' : 'base64url');
  if (key.length !== KEY_BYTES) throw new Error(`${source}: a webhook secrets key is ${KEY_BYTES} random bytes in base64 (e.g. openssl rand -base64 32)`);
  return key;
}

// Written aside, then linked into place: link() fails if the file exists, so two processes
// starting together agree on one key and neither reads a half-written file.
function createKeyFile(file: string, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(KEY_BYTES).toString('base64url')}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}
