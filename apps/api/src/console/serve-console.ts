import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { join } from 'node:path';
import type { AppConfig } from '../platform/index.js';
import { locateConsoleBundle } from './console-bundle.js';

export const CONSOLE_PATH = '/console';
const REPORTS_PREFIX = '/reports/determinations/';

const acceptsHtml = (accept: string | undefined) => accept !== undefined && accept.includes('text/html');

/**
 * Serves the lawyer's console (apps/console) at /console: hashed assets from dist/console/assets
 * (cached for a year: their names change with their content), and the one page for every other
 * path under /console, so each page's URL can be pasted into an email and opened directly. The
 * page holds no data: without a token it shows the sign-in, and every figure it shows comes from
 * /graphql and /reports with the user's token.
 */
export async function serveConsole(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // A memo link opened in a browser carries no token: its console page signs in first, then shows it.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (
      request.method === 'GET' &&
      request.url.startsWith(REPORTS_PREFIX) &&
      request.headers.authorization === undefined &&
      acceptsHtml(request.headers.accept)
    ) {
      const id = request.url
        .slice(REPORTS_PREFIX.length)
        .split(/[?#]/)[0]!
        .replace(/\.pdf$/, '');
      void reply.redirect(`${CONSOLE_PATH}/rulings/${id}`, 303);
      return;
    }
    done();
  });
  const bundle = locateConsoleBundle();
  if (!bundle.built) {
    fastify.log.warn(`The console is not built (no ${bundle.dir}/index.html): run npm run build to serve it at ${CONSOLE_PATH}`);
    const notBuilt = (_: unknown, reply: FastifyReply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The console is not built on this server: run `npm run build`, then start the API again.\n');
    fastify.get(CONSOLE_PATH, notBuilt);
    fastify.get(`${CONSOLE_PATH}/*`, notBuilt);
    return;
  }
  await fastify.register(fastifyStatic, {
    root: join(bundle.dir, 'assets'),
    prefix: `${CONSOLE_PATH}/assets/`,
    decorateReply: false,
    index: false,
    immutable: true,
    maxAge: '365d',
    setHeaders: (reply) => {
      reply.headers(securityHeaders(config));
    },
  });
  const page = (_: unknown, reply: FastifyReply) =>
    reply
      .headers({ ...securityHeaders(config), 'cache-control': 'no-cache' })
      .type('text/html; charset=utf-8')
      .send(bundle.indexHtml);
  fastify.get(CONSOLE_PATH, page);
  fastify.get(`${CONSOLE_PATH}/*`, page);
}

/**
 * Everything the page loads comes from this server, except the sign-in calls to the OpenID
 * provider (discovery and the token endpoint); no inline script, no framing.
 */
function securityHeaders(config: AppConfig): Record<string, string> {
  const provider = config.auth.oidc === undefined ? '' : ` ${new URL(config.auth.oidc.issuer).origin}`;
  return {
    'content-security-policy': [
      "default-src 'self'",
      `connect-src 'self'${provider}`,
      "img-src 'self' data:",
      "style-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}
