import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Public } from '#api-kit';
import { DomainError, InvalidInputError, ROLES, type Role } from '#domain';
import { AppConfig, AuthService } from '../platform/index.js';

/** A development token lives an hour: signing in again is one click. */
export const DEV_TOKEN_TTL_SECONDS = 3600;

/** How the console may sign a user in on this server; no secret is in it. */
export interface SignInOptions {
  /** The OpenID provider and the console's client there (authorization code flow with PKCE). */
  oidc?: { issuer: string; clientId: string; scope: string };
  /** With the local development secret: a token for any role, for development only. */
  development?: { roles: readonly Role[] };
  /** A bearer token pasted by the user (tokens signed with AUTH_JWT_SECRET, or from the start-up log). */
  pasteToken: boolean;
}

@Public()
@Controller('console/api')
export class SignInController {
  constructor(
    private readonly config: AppConfig,
    private readonly auth: AuthService,
  ) {}

  @Get('sign-in-options')
  signInOptions(@Req() request: FastifyRequest): SignInOptions {
    const { oidc } = this.config.auth;
    return {
      ...(oidc === undefined ? {} : { oidc: { issuer: oidc.issuer, clientId: oidc.clientId, scope: oidc.scope } }),
      ...(this.developmentSignInFor(request) ? { development: { roles: ROLES } } : {}),
      pasteToken: oidc === undefined,
    };
  }

  /** Mints a short-lived token for a role: only with the local development secret, and by default only for this machine. */
  @Post('dev-token')
  @HttpCode(200)
  async devToken(@Req() request: FastifyRequest, @Body() body: unknown): Promise<{ token: string; expiresAt: string; subject: string; roles: Role[] }> {
    if (!this.developmentSignInFor(request)) {
      throw new DomainError(
        'FORBIDDEN',
        'Development sign-in is not offered here: it needs the local development secret and, by default, a request from this machine',
      );
    }
    // JSON only: a form posted from another site cannot ask for a token (it could not read it either).
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new InvalidInputError('Send {"role": "<role>"} as application/json', 'role');
    }
    const role = (body as { role?: unknown } | undefined)?.role;
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw new InvalidInputError(`role: must be one of ${ROLES.join(', ')}`, 'role');
    }
    const subject = `local-${role}`;
    const token = await this.auth.mint({ id: subject, roles: [role as Role] }, DEV_TOKEN_TTL_SECONDS);
    return { token, subject, roles: [role as Role], expiresAt: new Date(Date.now() + DEV_TOKEN_TTL_SECONDS * 1000).toISOString() };
  }

  private developmentSignInFor(request: FastifyRequest): boolean {
    if (!this.auth.isLocal) return false;
    switch (this.config.consoleDevSignIn) {
      case 'off':
        return false;
      case 'anywhere':
        return true;
      case 'loopback':
        return isLoopback(request.socket.remoteAddress);
    }
  }
}

/** The connection's own peer address, not X-Forwarded-For: a proxy in front makes every request non-local. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}
