// Test-only child process: the real API (createApp, as main.ts starts it) on a random port. It
// reports its URL over IPC and, for tests that need a policy change recorded out of band, runs
// ImportPolicyDocuments on request.
import { CommandBus } from '@nestjs/cqrs';
import type { PolicyDocument } from '#domain';
import { ImportPolicyDocuments } from '#policy';
import { createApp } from '../../../apps/api/src/app-factory.js';

// When the test process goes (killed, or gave up waiting for the start), the IPC channel closes: go too.
process.on('disconnect', () => process.exit(1));

const app = await createApp(process.env);
await app.listen(0, '127.0.0.1');
process.send?.({ url: await app.getUrl() });

process.on('message', (message: { id: number; import: PolicyDocument[] }) => {
  app
    .get(CommandBus)
    .execute(new ImportPolicyDocuments(message.import[0].policyId, message.import, { id: 'e2e-admin', roles: ['admin'] }))
    .then(
      (summary) => process.send?.({ id: message.id, summary }),
      (error: Error) => process.send?.({ id: message.id, error: error.message }),
    );
});
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
