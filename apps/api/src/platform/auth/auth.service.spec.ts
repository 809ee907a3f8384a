import { ROLES } from '#domain';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { UnauthenticatedError } from '../errors/api-error.js';
import { rotateAuthSecret } from '#api-kit';
import { AuthService } from './auth.service.js';

const SECRET = 'a-shared-secret-of-at-least-32-chars';

describe('AuthService', () => {
  describe('with AUTH_JWT_SECRET', () => {
    let auth: AuthService;

    beforeAll(async () => {
      auth = await AuthService.create(new AppConfig({ AUTH_JWT_SECRET: SECRET }));
    });

    it('verifies the tokens it mints: sub is the actor, roles its roles', async () => {
      const token = await auth.mint({ id: 'ana', roles: ['editor', 'approver'] }, 60);

      await expect(auth.verify(token)).resolves.toEqual({ id: 'ana', roles: ['editor', 'approver'] });
    });

    it('ignores unknown roles and a roles claim that is not a list', async () => {
      const secret = new TextEncoder().encode(SECRET);
      const sign = (roles: unknown) => new SignJWT({ roles }).setProtectedHeader({ alg: 'HS256' }).setSubject('bo').setExpirationTime('1m').sign(secret);

      await expect(auth.verify(await sign(['root', 'viewer']))).resolves.toEqual({ id: 'bo', roles: ['viewer'] });
      await expect(auth.verify(await sign('admin'))).resolves.toEqual({ id: 'bo', roles: [] });
    });

    it.each([
      ['without sub', (jwt: SignJWT) => jwt.setExpirationTime('1m')],
      ['without exp', (jwt: SignJWT) => jwt.setSubject('bo')],
    ])('refuses a token %s', async (_, complete) => {
      const token = await complete(new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' })).sign(new TextEncoder().encode(SECRET));

      await expect(auth.verify(token)).rejects.toThrow(UnauthenticatedError);
    });

    it('reads the Authorization header: Bearer, any case; anything else is UNAUTHENTICATED', async () => {
      const token = await auth.mint({ id: 'ana', roles: ['viewer'] }, 60);

      await expect(auth.authenticate(`bearer ${token}`)).resolves.toMatchObject({ id: 'ana' });
      for (const header of [undefined, '', token, `Basic ${token}`, ['Bearer', token]]) {
        await expect(auth.authenticate(header)).rejects.toThrow(UnauthenticatedError);
      }
    });

    it('authenticates an HTTP request once, whoever asks, refusals included', async () => {
      const token = await auth.mint({ id: 'ana', roles: ['viewer'] }, 60);
      const verify = auth.verify.bind(auth);
      let verified = 0;
      auth.verify = (token) => {
        verified++;
        return verify(token);
      };
      const request = { headers: { authorization: `Bearer ${token}` } };
      const refused = { headers: { authorization: 'Basic x' } };

      await expect(auth.authenticateRequest(request)).resolves.toMatchObject({ id: 'ana' });
      await expect(auth.authenticateRequest(request)).resolves.toMatchObject({ id: 'ana' });
      await expect(auth.authenticateRequest({ headers: { authorization: `Bearer ${token}` } })).resolves.toMatchObject({ id: 'ana' });
      await expect(auth.authenticateRequest(refused)).rejects.toThrow(UnauthenticatedError);
      await expect(auth.authenticateRequest(refused)).rejects.toThrow(UnauthenticatedError);

      // Once per request object: the second asking of the same request verifies nothing.
      expect(verified).toBe(2);
      Reflect.deleteProperty(auth, 'verify');
    });

    it('refuses a token once it has expired, even one it accepted before', async () => {
      // Expired 28 s ago: within the 30 s clock tolerance for 1-2 s more.
      const token = await auth.mint({ id: 'ana', roles: ['viewer'] }, -28);
      await expect(auth.verify(token)).resolves.toMatchObject({ id: 'ana' });

      await new Promise((resolve) => setTimeout(resolve, 2_100));

      await expect(auth.verify(token)).rejects.toThrow('The bearer token has expired');
    });

    it('has no local tokens to print', async () => {
      await expect(auth.localTokens()).resolves.toBeUndefined();
    });

    it('checks issuer and audience when they are configured', async () => {
      const strict = await AuthService.create(new AppConfig({ AUTH_JWT_SECRET: SECRET, AUTH_ISSUER: 'https://ledger.example', AUTH_AUDIENCE: 'api' }));

      await expect(strict.verify(await strict.mint({ id: 'ana', roles: [] }, 60))).resolves.toMatchObject({ id: 'ana' });
      await expect(strict.verify(await auth.mint({ id: 'ana', roles: [] }, 60))).rejects.toThrow(/"iss"/);
    });
  });

  describe('with neither a secret nor a JWKS URL: the local secret file', () => {
    let dataDir: string;

    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'policy-ledger-auth-'));
    });

    afterEach(() => {
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('creates DATA_DIR/auth-secret at first start, readable by the owner only', async () => {
      await AuthService.create(new AppConfig({ DATA_DIR: join(dataDir, 'nested') }));

      const file = join(dataDir, 'nested', 'auth-secret');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url')).toHaveLength(48);
    });

    it('reuses it on later starts, so earlier tokens stay valid', async () => {
      const first = await AuthService.create(new AppConfig({ DATA_DIR: dataDir }));
      const secretBefore = readFileSync(join(dataDir, 'auth-secret'), 'utf8');
      const token = (await first.localTokens())!.viewer;

      const second = await AuthService.create(new AppConfig({ DATA_DIR: dataDir }));

      expect(readFileSync(join(dataDir, 'auth-secret'), 'utf8')).toBe(secretBefore);
      await expect(second.verify(token)).resolves.toEqual({ id: 'local-viewer', roles: ['viewer'] });
    });

    it('agrees on one secret when two processes start at once', async () => {
      const [a, b] = await Promise.all([AuthService.create(new AppConfig({ DATA_DIR: dataDir })), AuthService.create(new AppConfig({ DATA_DIR: dataDir }))]);

      await expect(b.verify(await a.mint({ id: 'x', roles: [] }, 60))).resolves.toMatchObject({ id: 'x' });
    });

    it('mints one token per role, sub local-<role>, valid for 12 hours', async () => {
      const auth = await AuthService.create(new AppConfig({ DATA_DIR: dataDir }));

      const tokens = (await auth.localTokens())!;

      expect(Object.keys(tokens)).toEqual([...ROLES]);
      for (const role of ROLES) {
        await expect(auth.verify(tokens[role])).resolves.toEqual({ id: `local-${role}`, roles: [role] });
        const { exp, iat } = JSON.parse(Buffer.from(tokens[role].split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };
        expect(exp - iat).toBe(12 * 3600);
      }
    });

    it('revokes every token when the secret is rotated (policyctl token revoke-all), while running, within a second', async () => {
      const auth = await AuthService.create(new AppConfig({ DATA_DIR: dataDir }));
      const before = (await auth.localTokens())!.viewer;
      await expect(auth.verify(before)).resolves.toMatchObject({ id: 'local-viewer' });

      await rotateAuthSecret(join(dataDir, 'auth-secret'));
      await new Promise((resolve) => setTimeout(resolve, 1100));

      await expect(auth.verify(before)).rejects.toThrow(/signature verification failed/);
      await expect(auth.verify((await auth.localTokens())!.viewer)).resolves.toMatchObject({ id: 'local-viewer' });
    });

    it('refuses a secret file that was truncated', async () => {
      writeFileSync(join(dataDir, 'auth-secret'), 'short\n');

      await expect(AuthService.create(new AppConfig({ DATA_DIR: dataDir }))).rejects.toThrow(/auth-secret holds fewer than 32 characters/);
    });
  });

  describe('with AUTH_JWKS_URL', () => {
    let issuer: Server;
    let auth: AuthService;
    let sign: (claims: { sub: string; roles: string[] }, privateKey?: CryptoKey) => Promise<string>;
    let issuerKey: CryptoKey;

    beforeAll(async () => {
      const { publicKey, privateKey } = await generateKeyPair('ES256');
      issuerKey = privateKey;
      const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] });
      issuer = createServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
      await new Promise<void>((resolve) => issuer.listen(0, '127.0.0.1', resolve));
      const { port } = issuer.address() as AddressInfo;
      auth = await AuthService.create(new AppConfig({ AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json` }));
      sign = (claims, privateKey = issuerKey) =>
        new SignJWT({ roles: claims.roles }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject(claims.sub).setExpirationTime('5m').sign(privateKey);
    });

    afterAll(async () => {
      await new Promise((resolve) => issuer.close(resolve));
    });

    it("verifies tokens signed with the issuer's key", async () => {
      await expect(auth.verify(await sign({ sub: 'svc-erp', roles: ['determiner'] }))).resolves.toEqual({ id: 'svc-erp', roles: ['determiner'] });
    });

    it('refuses tokens signed with another key', async () => {
      const { privateKey } = await generateKeyPair('ES256');

      await expect(auth.verify(await sign({ sub: 'mallory', roles: ['admin'] }, privateKey))).rejects.toThrow(UnauthenticatedError);
    });

    it('refuses HS256 tokens, whatever their secret', async () => {
      const token = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
        .setSubject('mallory')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(SECRET));

      await expect(auth.verify(token)).rejects.toThrow(UnauthenticatedError);
    });

    it('cannot mint tokens, and has none to print', async () => {
      await expect(auth.mint({ id: 'x', roles: [] }, 60)).rejects.toThrow(/AUTH_JWKS_URL/);
      await expect(auth.localTokens()).resolves.toBeUndefined();
    });
  });

  describe('with AUTH_OIDC_ISSUER only: the key set named by the discovery document', () => {
    let provider: Server;
    let issuerUrl: string;
    let discoveryRequests = 0;
    let advertisedIssuer: () => string;
    let sign: (issuer: string, subject?: string) => Promise<string>;

    beforeAll(async () => {
      const { publicKey, privateKey } = await generateKeyPair('RS256');
      const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'r1', alg: 'RS256', use: 'sig' }] });
      provider = createServer((request, response) => {
        if (request.url === '/tenant/.well-known/openid-configuration') {
          discoveryRequests++;
          const document = { issuer: advertisedIssuer(), jwks_uri: `${issuerUrl}/keys` };
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
        } else if (request.url === '/tenant/keys') {
          response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
        } else {
          response.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
      issuerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/tenant`;
      advertisedIssuer = () => issuerUrl;
      sign = (issuer, subject = 'lee') =>
        new SignJWT({ roles: ['viewer'] })
          .setProtectedHeader({ alg: 'RS256', kid: 'r1' })
          .setIssuer(issuer)
          .setSubject(subject)
          .setExpirationTime('5m')
          .sign(privateKey);
    });

    afterAll(async () => {
      await new Promise((resolve) => provider.close(resolve));
    });

    const create = () => AuthService.create(new AppConfig({ AUTH_OIDC_ISSUER: issuerUrl, AUTH_OIDC_CLIENT_ID: 'console' }));

    it("verifies the provider's tokens with the keys its discovery document names, reading the document once", async () => {
      const auth = await create();
      const before = discoveryRequests;

      await expect(auth.verify(await sign(issuerUrl))).resolves.toEqual({ id: 'lee', roles: ['viewer'] });
      await expect(auth.verify(await sign(issuerUrl, 'kim'))).resolves.toMatchObject({ id: 'kim' });
      expect(discoveryRequests - before).toBe(1);
    });

    it('refuses a token that names another issuer, though signed with the same key', async () => {
      const auth = await create();

      await expect(auth.verify(await sign('https://elsewhere.example/'))).rejects.toThrow(/"iss"/);
    });

    it('trusts no keys from a discovery document that names another issuer, and reads it again for the next token', async () => {
      const auth = await create();
      advertisedIssuer = () => 'https://impostor.example/';
      const before = discoveryRequests;

      await expect(auth.verify(await sign(issuerUrl))).rejects.toThrow(/names issuer 'https:\/\/impostor.example\/'/);
      advertisedIssuer = () => issuerUrl;
      await expect(auth.verify(await sign(issuerUrl))).resolves.toMatchObject({ id: 'lee' });
      expect(discoveryRequests - before).toBe(2);
    });
  });
});
