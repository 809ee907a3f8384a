import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, eventMetadata, stableId } from '#api-kit';
import { documentToEvents, policyStreamName } from '#domain';
import type { EventStore } from '#event-store';
import { ImportPolicyDocuments, type ImportSummary } from './import-policy-documents.command.js';

/**
 * One append per document, each with the expected revision, so a legal action lands whole or not
 * at all. Event ids derive from the policy, document and change index: importing twice, or two
 * nodes seeding at once, adds nothing the second time.
 */
@CommandHandler(ImportPolicyDocuments)
export class ImportPolicyDocumentsHandler implements ICommandHandler<ImportPolicyDocuments> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ policyId, documents, actor }: ImportPolicyDocuments): Promise<ImportSummary> {
    const stream = policyStreamName(policyId);
    const recorded = await this.store.readStream(stream);
    const present = new Set(recorded.map((event) => (event.data as { amendmentId: string }).amendmentId));
    let revision: number | 'no_stream' = recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision;
    let position = recorded.at(-1)?.position ?? 0;
    const summary: ImportSummary = { policyId, imported: [], alreadyPresent: [], position };
    for (const document of documents) {
      if (present.has(document.id)) {
        summary.alreadyPresent.push(document.id);
        continue;
      }
      const commandId = stableId('import', policyId, document.id);
      const events = documentToEvents(document).map((event, index) => ({
        id: stableId(policyId, document.id, String(index)),
        type: event.type,
        data: event.data,
        metadata: eventMetadata(actor, { commandId }),
      }));
      const result = await this.store.append(stream, events, revision);
      revision = result.nextRevision;
      position = result.position;
      summary.imported.push(document.id);
    }
    return { ...summary, position };
  }
}
