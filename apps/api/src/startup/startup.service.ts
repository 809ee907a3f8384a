import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, SYSTEM_ACTOR } from '#api-kit';
import { AuditRecord } from '#audit-log';
import type { EventStore } from '#event-store';
import { ImportPolicyDocuments, POLICY_STREAM_PREFIX } from '#policy';
import { loadPolicyDirectory } from '#policy-files';
import { ProjectionProcessor } from '#projections';
import { WebhookOutbox } from '#webhooks';
import { storeHead } from '../consistency/store-head.js';
import { AppConfig } from '../platform/index.js';

/**
 * Start-up order: seed the policy history on an empty store, then fold the policy timelines and
 * catch the read models up, so the API answers only once it knows what the store knows.
 */
@Injectable()
export class StartupService {
  private readonly logger = new Logger(StartupService.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: AppConfig,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionProcessor,
    private readonly audit: AuditRecord,
    private readonly webhooks: WebhookOutbox,
  ) {}

  /** Runs after the application is initialised (command handlers are registered at bootstrap). */
  async start(): Promise<void> {
    await this.seedIfEmpty();
    await this.projections.start();
    await this.audit.start();
    await this.webhooks.start(() => storeHead(this.store));
  }

  private async seedIfEmpty(): Promise<void> {
    const [anyPolicyEvent] = await this.store.readAll({ streamPrefix: POLICY_STREAM_PREFIX, maxCount: 1 });
    if (anyPolicyEvent) return;
    const root = this.config.policiesDir;
    if (!existsSync(root)) {
      this.logger.warn(`the store is empty and POLICIES_DIR ${root} does not exist: starting with no policy`);
      return;
    }
    for (const entry of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      const { policyId, documents, files } = loadPolicyDirectory(join(root, entry.name));
      const summary = await this.commands.execute(new ImportPolicyDocuments(policyId, documents, SYSTEM_ACTOR, files));
      this.logger.log(`seeded policy '${policyId}' from ${join(root, entry.name)}: ${summary.imported.length} legal actions`);
    }
  }
}
