import type { AddressInfo } from 'node:net';
import { createApp } from './app-factory.js';
import { AppConfig, AuthService } from './platform/index.js';

const app = await createApp();
const config = app.get(AppConfig);
await app.listen(config.port, config.host);
const log = app.getHttpAdapter().getInstance().log;
const { address, port } = app.getHttpServer().address() as AddressInfo;
const url = `http://${address === '0.0.0.0' || address === '::' ? 'localhost' : address}:${port}/graphql`;
log.info(`Policy Ledger API at ${url} (listening on ${address}, store: ${config.eventStore}, data: ${config.dataDir})`);
const tokens = await app.get(AuthService).localTokens();
if (tokens) {
  // Plain lines apart from the JSON log, so that a token copied from the terminal works as it is.
  const lines = [
    '',
    `No AUTH_JWT_SECRET or AUTH_JWKS_URL set: local tokens, one per role, valid 12 hours (listening on ${address} only unless HOST says otherwise).`,
    'Send one as the header  Authorization: Bearer <token>',
    ...Object.entries(tokens).map(([role, token]) => `  ${role.padEnd(11)}${token}`),
    'Mint more with `npx policyctl token --role viewer` (any role, --sub to name the actor); revoke them all with `npx policyctl token revoke-all`.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
