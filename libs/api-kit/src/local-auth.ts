import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SignJWT } from 'jose';

const SECRET_BYTES = 48;

/** Tokens for local use (printed at start, minted by `policyctl token`) are valid this long: a working day, not a month. */
export const LOCAL_TOKEN_TTL_SECONDS = 12 * 3600;

/** Where a local installation keeps its secret. */
export function authSecretPath(dataDir: string): string {
  return resolve(dataDir, 'auth-secret');
}

/** An HS256 bearer token for `sub` with `roles`, valid `ttlSeconds` from `nowSeconds` (negative: already expired). */
export function signToken(
  secret: string,
  token: { sub: string; roles: readonly string[]; ttlSeconds: number; nowSeconds: number; issuer?: string; audience?: string },
): Promise<string> {
  const jwt = new SignJWT({ roles: [...token.roles] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(token.sub)
    .setIssuedAt(token.nowSeconds)
    .setExpirationTime(token.nowSeconds + token.ttlSeconds);
  if (token.issuer !== undefined) jwt.setIssuer(token.issuer);
  if (token.audience !== undefined) jwt.setAudience(token.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

/**
 * Replaces the local secret with a new one (`policyctl token revoke-all`): every token signed
 * with the old one is refused from then on, by a running API too (it rereads a changed file).
 */
export async function rotateAuthSecret(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(draft, `${randomBytes(SECRET_BYTES).toString('base64url')}\n`, { mode: 0o600 });
  await rename(draft, path);
}

/**
 * The HS256 secret of a local installation that configured no token issuer: created at first
 * start (48 random bytes, base64url, file mode 0600) and reused afterwards, so tokens minted
 * earlier stay valid across restarts.
 */
export async function loadOrCreateAuthSecret(path: string): Promise<string> {
  await createAuthSecret(path);
  return readAuthSecret(path);
}

async function createAuthSecret(path: string): Promise<void> {
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
}

/** The local secret as it is now; refused when too short. */
export async function readAuthSecret(path: string): Promise<string> {
  const secret = (await readFile(path, 'utf8')).trim();
  if (secret.length < 32) {
    throw new Error(`${path} holds fewer than 32 characters; delete it to have a new secret created`);
  }
  return secret;
}
