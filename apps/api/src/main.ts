import { createApp } from './app-factory.js';
import { AppConfig, AuthService } from './platform/index.js';

const app = await createApp();
const config = app.get(AppConfig);
await app.listen(config.port, config.host);
const log = app.getHttpAdapter().getInstance().log;
const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/graphql`;
log.info(`Policy Ledger API at ${url} (store: ${config.eventStore}, data: ${config.dataDir})`);
const tokens = await app.get(AuthService).localTokens();
if (tokens) {
  const lines = Object.entries(tokens).map(([role, token]) => `  ${role.padEnd(10)} Authorization: Bearer ${token}`);
  log.info(`No AUTH_JWT_SECRET or AUTH_JWKS_URL set: local tokens for each role (valid 30 days):\n${lines.join('\n')}`);
}
