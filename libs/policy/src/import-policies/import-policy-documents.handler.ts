import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE } from '#api-kit';
import type { EventStore } from '#event-store';
import { ImportPolicyDocuments, type ImportSummary } from './import-policy-documents.command.js';
import { importPolicyDocuments } from './import-policy-documents.js';

@CommandHandler(ImportPolicyDocuments)
export class ImportPolicyDocumentsHandler implements ICommandHandler<ImportPolicyDocuments> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ policyId, documents, actor, files }: ImportPolicyDocuments): Promise<ImportSummary> {
    return importPolicyDocuments(this.store, policyId, documents, actor, files);
  }
}
