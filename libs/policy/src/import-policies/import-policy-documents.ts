import { eventMetadata, stableId } from '#api-kit';
import { documentToEvents, policyStreamName, type Actor, type PolicyDocument } from '#domain';
import { POLICY_FILE_METADATA } from '#policy-files';
import { ConcurrencyError, DuplicateEventIdError, type EventStore } from '#event-store';
import type { ImportSummary, PolicyFileRecord } from './import-policy-documents.command.js';

/** How often one document is tried again after the policy stream moved under it. */
const MAX_ATTEMPTS = 20;

/**
 * Records legal actions as published changes, one append per document with the expected
 * revision, so a legal action lands whole or not at all. Event ids derive from the policy,
 * document and change index: importing twice, or two nodes seeding at once, adds nothing the
 * second time. Documents already in the stream (by id) are skipped. When the stream moved since
 * it was read (another node seeding with files in another order or with other files, or
 * `policyctl import` at the same time), the stream is read again and the import goes on from
 * what it holds now, skipping what is there.
 *
 * A document imported from a file records the file (name and text, comments included) in the
 * metadata of its first event, so `policyctl export` writes it back as it was written.
 */
export async function importPolicyDocuments(
  store: EventStore,
  policyId: string,
  documents: readonly PolicyDocument[],
  actor: Actor,
  files: readonly PolicyFileRecord[] = [],
): Promise<ImportSummary> {
  const fileOf = new Map(files.map((file) => [file.documentId, file]));
  const stream = policyStreamName(policyId);
  let recorded = await readRecorded(store, stream);
  const summary: ImportSummary = { policyId, imported: [], alreadyPresent: [], position: recorded.position };
  for (const document of documents) {
    for (let attempt = 1; ; attempt++) {
      if (recorded.present.has(document.id)) {
        summary.alreadyPresent.push(document.id);
        break;
      }
      const commandId = stableId('import', policyId, document.id);
      const file = fileOf.get(document.id);
      const events = documentToEvents(document).map((event, index) => ({
        id: stableId(policyId, document.id, String(index)),
        type: event.type,
        data: event.data,
        metadata: {
          ...eventMetadata(actor, { commandId }),
          ...(index === 0 && file ? { [POLICY_FILE_METADATA]: { name: file.name, text: file.text } } : {}),
        },
      }));
      try {
        const result = await store.append(stream, events, recorded.revision);
        recorded.revision = result.nextRevision;
        recorded.present.add(document.id);
        summary.position = result.position;
        summary.imported.push(document.id);
        break;
      } catch (error) {
        if (!(error instanceof ConcurrencyError || error instanceof DuplicateEventIdError) || attempt >= MAX_ATTEMPTS) throw error;
        recorded = await readRecorded(store, stream);
        summary.position = Math.max(summary.position, recorded.position);
      }
    }
  }
  return summary;
}

async function readRecorded(store: EventStore, stream: string): Promise<{ present: Set<string>; revision: number | 'no_stream'; position: number }> {
  const events = await store.readStream(stream);
  return {
    present: new Set(events.map((event) => (event.data as { amendmentId: string }).amendmentId)),
    revision: events.length === 0 ? 'no_stream' : events[events.length - 1].revision,
    position: events.at(-1)?.position ?? 0,
  };
}
