import { fileURLToPath } from 'node:url';
import { documentToEvents, policyStreamName } from '#domain';
import { openMemoryEventStore } from '#event-store';
import { loadPolicyDirectory } from '#policy-files';
import { importPolicyDocuments } from './import-policy-documents.js';

const { policyId, documents } = loadPolicyDirectory(fileURLToPath(new URL('../../../../policies/ai-export-controls', import.meta.url)));
const system = { id: 'system', roles: ['admin' as const] };

describe('importPolicyDocuments', () => {
  const eventsPerDocument = (events: Array<{ data: unknown }>) => {
    const counts = new Map<string, number>();
    for (const event of events) {
      const id = (event.data as { amendmentId: string }).amendmentId;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  };

  it('given two nodes seeding one empty store at once, with their files in different orders, records every legal action once', async () => {
    const store = openMemoryEventStore();
    const [first, second] = await Promise.all([
      importPolicyDocuments(store, policyId, documents, system),
      importPolicyDocuments(store, policyId, [...documents].reverse(), system),
    ]);

    const recorded = await store.readStream(policyStreamName(policyId));
    const counts = eventsPerDocument(recorded);
    expect(counts.size).toBe(documents.length);
    for (const document of documents) expect([document.id, counts.get(document.id)]).toEqual([document.id, documentToEvents(document).length]);
    expect(new Set([...first.imported, ...second.imported, ...first.alreadyPresent, ...second.alreadyPresent])).toEqual(new Set(documents.map((d) => d.id)));
    expect(Math.max(first.position, second.position)).toBe(recorded.at(-1)!.position);
  });

  it('given a node with one more file than the node seeding beside it, records the extra file once, after the others', async () => {
    const store = openMemoryEventStore();
    const older = documents.slice(0, -1);
    await Promise.all([importPolicyDocuments(store, policyId, older, system), importPolicyDocuments(store, policyId, documents, system)]);

    const recorded = await store.readStream(policyStreamName(policyId));
    const counts = eventsPerDocument(recorded);
    expect([...counts.keys()].sort()).toEqual(documents.map((d) => d.id).sort());
    for (const document of documents) expect([document.id, counts.get(document.id)]).toEqual([document.id, documentToEvents(document).length]);
    expect((recorded.at(-1)!.data as { amendmentId: string }).amendmentId).toBe(documents.at(-1)!.id);
  });

  it('when run again, adds nothing and reports every document as already present', async () => {
    const store = openMemoryEventStore();
    await importPolicyDocuments(store, policyId, documents, system);
    const again = await importPolicyDocuments(store, policyId, documents, system);
    expect(again.imported).toEqual([]);
    expect(again.alreadyPresent).toEqual(documents.map((d) => d.id));
  });
});
