import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_FILE, SecretBox } from './secret-box.js';

describe('SecretBox: webhook secrets as the log stores them', () => {
  const box = SecretBox.of(randomBytes(32));

  it('seals a secret so the stored form does not show it, and opens it again for the same webhook', () => {
    const sealed = box.seal('whsec_a-receiver-secret', 'webhook-1');

    expect(JSON.stringify(sealed)).not.toContain('whsec');
    expect(sealed).toMatchObject({ alg: 'A256GCM', keyId: box.keyId });
    expect(box.open(sealed, 'webhook-1')).toBe('whsec_a-receiver-secret');
  });

  it('does not open a sealed secret moved onto another webhook, altered, or sealed under another key', () => {
    const sealed = box.seal('whsec_a-receiver-secret', 'webhook-1');
    const other = SecretBox.of(randomBytes(32));
    const flipped = Buffer.from(sealed.ciphertext, 'base64url');
    flipped[0]! ^= 1;

    expect(box.open(sealed, 'webhook-2')).toBeUndefined();
    expect(box.open({ ...sealed, ciphertext: flipped.toString('base64url') }, 'webhook-1')).toBeUndefined();
    expect(other.open(sealed, 'webhook-1')).toBeUndefined();
    expect(other.open({ ...sealed, keyId: other.keyId }, 'webhook-1')).toBeUndefined();
  });

  describe('its key', () => {
    let dataDir: string;
    beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'webhook-key-'))));
    afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

    it('is created in the data directory on first use (owner-only) and reused afterwards', () => {
      const first = SecretBox.load(undefined, dataDir);
      const again = SecretBox.load(undefined, dataDir);

      expect(again.keyId).toBe(first.keyId);
      expect(statSync(join(dataDir, KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(again.open(first.seal('s3cret-s3cret-s3cret', 'w'), 'w')).toBe('s3cret-s3cret-s3cret');
    });

    it('comes from WEBHOOK_SECRETS_KEY, as base64 or as a file holding it, and is the same key either way', () => {
      const key = randomBytes(32);
      const file = join(dataDir, 'key');
      writeFileSync(file, `${key.toString('base64')}\n`);

      expect(SecretBox.load(key.toString('base64'), dataDir).keyId).toBe(SecretBox.of(key).keyId);
      expect(SecretBox.load(key.toString('base64url'), dataDir).keyId).toBe(SecretBox.of(key).keyId);
      expect(SecretBox.load(file, dataDir).keyId).toBe(SecretBox.of(key).keyId);
      expect(() => readFileSync(join(dataDir, KEY_FILE))).toThrow();
    });

    it('is refused when it is not 32 bytes, naming the setting', () => {
      expect(() => SecretBox.load('too-short', dataDir)).toThrow(/WEBHOOK_SECRETS_KEY: a webhook secrets key is 32 random bytes/);
    });
  });
});
