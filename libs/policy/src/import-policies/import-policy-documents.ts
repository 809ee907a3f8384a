import { eventMetadata, stableId } from '#api-kit';
import { documentToEvents, policyStreamName, type Actor, type PolicyDocument } from '#domain';
import type { EventStore } from '#event-store';
import type { ImportSummary } from './import-policy-documents.command.js';

/**
 * Records legal actions as published changes, one append per document with the expected
 * revision, so a legal action lands whole or not at all. Event ids derive from the policy,
 * document and change index: importing twice, or two nodes seeding at once, adds nothing the
 * second time. Documents already in the stream (by id) are skipped.
 */
export async function importPolicyDocuments(store: EventStore, policyId: string, documents: readonly PolicyDocument[], actor: Actor): Promise<ImportSummary> {
  const stream = policyStreamName(policyId);
  const recorded = await store.readStream(stream);
  const present = new Set(recorded.map((event) => (event.data as { amendmentId: string }).amendmentId));
  let revision: number | 'no_stream' = recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision;
  const summary: ImportSummary = { policyId, imported: [], alreadyPresent: [], position: recorded.at(-1)?.position ?? 0 };
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
    const result = await store.append(stream, events, revision);
    revision = result.nextRevision;
    summary.position = result.position;
    summary.imported.push(document.id);
  }
  return summary;
}
