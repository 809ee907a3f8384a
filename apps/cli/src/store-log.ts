import { LogVerifier, type LogVerification, type SqliteTreeStore } from '#audit-log';
import type { CheckpointBody } from '#audit';
import type { EventStore } from '#event-store';

const PAGE = 1000;

/**
 * Walks a store's whole log in commit order: every stream's hash chain, every event's leaf against
 * the stored tree (when given) and the kept checkpoint (when given). The result names the first
 * leaf that fails, or the tree size and root of the log as read.
 */
export async function verifyStoreLog(store: EventStore, options: { tree?: SqliteTreeStore; checkpoint?: CheckpointBody } = {}): Promise<LogVerification> {
  const verifier = new LogVerifier({ storedTree: options.tree, checkpoint: options.checkpoint });
  let after: number | undefined;
  for (;;) {
    const page = await store.readAll({ fromPosition: after, maxCount: PAGE });
    for (const event of page) {
      if (!verifier.check(event)) return verifier.finish();
      after = event.position;
    }
    if (page.length < PAGE) return verifier.finish();
  }
}
