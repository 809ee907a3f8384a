import { startProbeServer, type ProbeServer } from '../testing/probe-server.js';

describe('smoke', () => {
  let app: ProbeServer;
  beforeAll(async () => { app = await startProbeServer(); });
  afterAll(async () => { await app.close(); });
  it('serves', async () => {
    const token = await app.token(['viewer']);
    console.log(JSON.stringify(await app.graphql('{ whoAmI { id roles } }', { token })));
    console.log(JSON.stringify(await app.graphql('{ whoAmI { id roles } }', {})));
    console.log(JSON.stringify(await app.graphql('{ fail(code: "CONFLICT") }', { token })));
    console.log(JSON.stringify(await app.graphql('{ fail(code: "X") }', { token })));
    console.log(JSON.stringify(await app.graphql('{ nope }', { token })));
    console.log(JSON.stringify(app.logs()));
  });
});
