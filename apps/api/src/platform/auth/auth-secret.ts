import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const SECRET_BYTES = 48;

/**
 * The HS256 secret of a local installation that configured no token issuer: created at first
 * start (48 random bytes, base64url, file mode 0600) and reused afterwards, so tokens minted
 * earlier stay valid across restarts.
 */
export async function loadOrCreateAuthSecret(path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  // Written aside, then linked into place: link() fails if the file exists, so two processes
  // starting together agree on one secret and neither reads a half-written file.
  const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(draft, `${randomBytes(SECRET_BYTES).toString('base64url')}\n`, { mode: 0o600 });
  try {
    await link(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  const secret = (await readFile(path, 'utf8')).trim();
  if (secret.length < 32) {
    throw new Error(`${path} holds fewer than 32 characters; delete it to have a new secret created`);
  }
  return secret;
}
