import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AltairFastify, type AltairFastifyPluginOptions } from 'altair-fastify-plugin';

export const IDE_PATH = '/graphql/ide';

/**
 * Serves the Altair GraphQL IDE from the app's own node_modules (no CDN: many users' machines
 * reach none) at /graphql/ide, and sends browsers that open /graphql there. API calls to
 * /graphql are untouched; the IDE sends the token the user pastes as the Authorization header.
 */
export async function serveGraphqlIde(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const options: AltairFastifyPluginOptions = {
    path: IDE_PATH,
    baseURL: `${IDE_PATH}/`,
    endpointURL: '/graphql',
    subscriptionsEndpoint: '/graphql',
    subscriptionsProtocol: 'graphql-ws',
    initialName: 'Policy Ledger',
    initialQuery: EXAMPLE_QUERY,
    initialHeaders: { Authorization: 'Bearer <paste a token from the start-up log>' },
    disableAccount: true,
  };
  await fastify.register(AltairFastify, options);
  // Runs for every request: synchronous, and the method is checked before the URL is looked at.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'GET' && request.url === '/graphql' && (request.headers.accept ?? '').includes('text/html')) {
      void reply.redirect(IDE_PATH, 302);
      return;
    }
    done();
  });
}

const EXAMPLE_QUERY = `# Which tier was India in on 2025-06-01, as the law then stood?
query {
  countryStatus(country: "IN", at: { validAt: "2025-06-01" }) {
    country tier groups effectiveAt source { citation }
  }
}
`;
