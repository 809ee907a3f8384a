import { Module } from '@nestjs/common';
import { DeterminationsModule } from '#determinations';
import { WebhooksResolver } from '../graphql/webhooks.resolver.js';
import { WebhookCommands } from './webhook-commands.service.js';
import { WebhookOutbox } from './webhook-outbox.service.js';

/** Signed webhooks delivered from an outbox in the log (docs/adr/021-webhooks.md). Needs WEBHOOK_SETTINGS and the read-model database. */
@Module({
  imports: [DeterminationsModule],
  providers: [WebhookOutbox, WebhookCommands, WebhooksResolver],
  exports: [WebhookOutbox],
})
export class WebhooksModule {}
